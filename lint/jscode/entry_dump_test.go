package jscode

import (
	"fmt"
	"strings"
)

// dumpEntry writes a module's entry facts compactly, for tests.
func dumpEntry(sf *SourceFacts) string {
	var b strings.Builder
	ef := &sf.Entry
	fmt.Fprintf(&b, "default=%d", ef.Default)
	for _, n := range ef.Named {
		fmt.Fprintf(&b, " %s=%d", n.Name, n.Value)
	}
	b.WriteString("\n")
	for i, v := range ef.Values {
		fmt.Fprintf(&b, "%d: %s\n", i+1, dumpValue(&v))
	}
	for i, f := range ef.Funcs {
		fmt.Fprintf(&b, "f%d: %s(%d) router=%d cron=%d returns=%v", i+1, f.Name, f.Params, f.Router, f.Cron, f.Returns)
		for _, d := range f.Delegates {
			fmt.Fprintf(&b, " %d.%s", d.Object, d.Method)
		}
		b.WriteString("\n")
	}
	for i, r := range sf.Routers {
		fmt.Fprintf(&b, "r%d: %s %s catchAll=%v open=%q", i+1, r.Kind, r.Name, r.CatchAll, r.Open)
		for _, rt := range r.Routes {
			p := rt.Path
			if rt.Prefix {
				p += "…"
			}
			fmt.Fprintf(&b, " %s %s", rt.Method, p)
		}
		for _, m := range r.Mounts {
			fmt.Fprintf(&b, " mount %s->r%d%s#%s", m.Path, m.Router, m.Module, m.Name)
		}
		b.WriteString("\n")
	}
	for i, c := range sf.CronDispatches {
		fmt.Fprintf(&b, "c%d: exhaustive=%v partial=%v", i+1, c.Exhaustive, c.Partial)
		for _, cs := range c.Cases {
			for _, v := range cs.Values {
				fmt.Fprintf(&b, " %q", v.Text())
			}
		}
		b.WriteString("\n")
	}
	for _, c := range sf.BindingCalls {
		fmt.Fprintf(&b, "call %s.%s(%d)", c.Binding, c.Method, c.Args)
		for _, v := range c.URL {
			fmt.Fprintf(&b, " %s %q", c.HTTPMethod, v.Text())
		}
		b.WriteString("\n")
	}
	return b.String()
}

func dumpValue(v *EntryValue) string {
	var b strings.Builder
	kinds := []string{"unknown", "object", "class", "instance", "app", "import", "call", "function", "member", "param"}
	b.WriteString(kinds[v.Kind])
	switch v.Kind {
	case ValueUnknown:
		fmt.Fprintf(&b, " (%s)", v.Why)
	case ValueObject, ValueClass:
		if v.ClassName != "" {
			b.WriteString(" " + v.ClassName)
		}
		if v.Extends != 0 {
			fmt.Fprintf(&b, " extends=%d", v.Extends)
		}
		for _, m := range v.Members {
			mk := []string{"m", "f", "v", "a"}[m.Kind]
			st := ""
			if m.Static {
				st = "static "
			}
			fmt.Fprintf(&b, " %s%s:%s=%d", st, m.Name, mk, m.Value)
		}
		if len(v.Spreads) > 0 {
			fmt.Fprintf(&b, " ...%v", v.Spreads)
		}
		if v.Open != "" {
			fmt.Fprintf(&b, " open(%s)", v.Open)
		}
	case ValueApp:
		fmt.Fprintf(&b, " r%d", v.Router)
	case ValueImport:
		fmt.Fprintf(&b, " %s#%s", v.Module, v.Name)
	case ValueCall, ValueInstance:
		fmt.Fprintf(&b, " %s=%d %v", v.Callee, v.CalleeValue, v.Args)
	case ValueFunction:
		fmt.Fprintf(&b, " f%d", v.Func)
	case ValueMember:
		fmt.Fprintf(&b, " %d.%s", v.Object, v.Prop)
	case ValueParam:
		fmt.Fprintf(&b, " %d", v.Param)
	}
	return b.String()
}
