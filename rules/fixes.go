package rules

import (
	"bytes"
	"strings"

	"github.com/wranglint/wranglint/lint"
	"github.com/wranglint/wranglint/lint/analyses"
	"github.com/wranglint/wranglint/lint/jscode"
	"github.com/wranglint/wranglint/lint/project"
	"github.com/wranglint/wranglint/lint/sdk"
	"github.com/wranglint/wranglint/lint/source"
	"github.com/wranglint/wranglint/lint/wrangler"
)

// refTarget pairs a client reference with where it points.
type refTarget struct {
	ref    *analyses.ResolvedRef
	target analyses.Target
}

// clientEdit rewrites one client literal so that it asks for served's
// namespace; ok is false where that cannot be done by a plain edit.
func clientEdit(rt refTarget, served analyses.Served) (source.Edit, bool) {
	ref := rt.ref
	if !ref.Direct {
		return source.Edit{}, false // a const may be used for other things too
	}
	if ref.Kind == jscode.RefLiteralURL {
		ns := rt.target.NSSpan
		if ns == ref.Span {
			return source.Edit{}, false // the namespace is not written plainly
		}
		return source.Edit{File: ns.File, Start: ns.Start, End: ns.End, New: served.Namespace}, true
	}
	_, value := clientRepair(ref, served, served.Worker.Versions.ServerEra())
	text := ref.Span.Text()
	if value == "" || len(text) < 2 || strings.ContainsAny(value, "\"'`\\$\n\r\u2028\u2029") {
		return source.Edit{}, false
	}
	q := text[0]
	if q != '"' && q != '\'' && q != '`' {
		return source.Edit{}, false
	}
	return source.Edit{File: ref.Span.File, Start: ref.Span.Start, End: ref.Span.End, New: string(q) + value + string(q)}, true
}

// clientFix edits every plainly written client literal to reach served.
func clientFix(rts []refTarget, served analyses.Served, applicability lint.Applicability) *lint.Fix {
	var edits []source.Edit
	var changes []string
	for _, rt := range rts {
		if e, ok := clientEdit(rt, served); ok {
			edits = append(edits, e)
			old := string(e.File.Data[e.Start:e.End])
			changes = append(changes, old+" → "+e.New+" at "+rt.ref.Span.Where())
		}
	}
	if len(edits) == 0 {
		return nil
	}
	return &lint.Fix{
		Description:   "write " + strings.Join(changes, ", ") + " so the client asks for " + served.URL(),
		Applicability: applicability,
		Edits:         edits,
	}
}

// renameFix renames a Durable Object binding everywhere this Worker names
// it: every environment's binding in the config, every env.<name> use in
// the module graph of every main, and worker-configuration.d.ts. nil when
// the rename cannot be made complete.
func renameFix(pr *project.Project, w *project.Worker, oldName, newName string) *lint.Fix {
	if newName == "" || newName == oldName {
		return nil
	}
	var edits []source.Edit
	configPlaces := 0
	for _, e := range w.Config.Envs {
		for _, b := range e.DurableObjects() {
			if b.Name == oldName {
				edits = append(edits, quotedEdit(b.NameNode.Span, newName))
				configPlaces++
			}
		}
	}
	code, ok := renameInCode(pr, w, oldName, newName)
	if !ok {
		return nil
	}
	edits = append(edits, code...)
	desc := "rename binding " + source.Quote(oldName) + " to " + source.Quote(newName) + " in " + itoaPlural(configPlaces, "config place")
	if len(code) > 0 {
		desc += " and " + itoaPlural(len(code), "env use") + " in the code"
	}
	var typed []string
	stale := false
	for _, f := range w.TypeFiles {
		spans := w.EnvTypeEntries(oldName)[f]
		switch len(spans) {
		case 0:
		case 1:
			edits = append(edits, source.Edit{File: f, Start: spans[0].Start, End: spans[0].End, New: newName})
			typed = append(typed, f.Rel)
		default:
			stale = true // declared twice in one file: left to `wrangler types`
		}
	}
	if len(typed) > 0 {
		desc += " and the Env type in " + strings.Join(typed, ", ")
	}
	if stale {
		desc += "; then rerun `wrangler types`"
	}
	return &lint.Fix{Description: desc, Applicability: lint.Unsafe, Edits: edits}
}

// quotedEdit replaces a config string, keeping its quoting where it can.
func quotedEdit(s source.Span, value string) source.Edit {
	return source.Edit{File: s.File, Start: s.Start, End: s.End, New: wrangler.ConfigString(value, s.Text()[0])}
}

// tomlKey writes one TOML key part, quoting it when it is not bare.
func tomlKey(k string) string {
	for _, r := range k {
		if !(r == '-' || r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
			return wrangler.JSONString(k)
		}
	}
	if k == "" {
		return `""`
	}
	return k
}

// renameInCode edits env uses of oldName in every module graph of w.
func renameInCode(pr *project.Project, w *project.Worker, oldName, newName string) ([]source.Edit, bool) {
	seen := map[string]bool{}
	var edits []source.Edit
	for _, e := range w.Config.Envs {
		mod := w.Module(e)
		if mod == nil {
			continue
		}
		if !mod.Built {
			return nil, false // the graph is unknown: uses could be missed
		}
		for _, in := range mod.Inputs {
			if seen[in] || !isScript(in) {
				continue
			}
			seen[in] = true
			sf := pr.Facts(in)
			if sf == nil || sf.Syntax != nil {
				return nil, false
			}
			if !sf.EnvUsesExact && bytes.Contains(sf.File.Data, []byte(oldName)) {
				return nil, false
			}
			for _, u := range sf.EnvUses {
				if u.Name != oldName {
					continue
				}
				switch {
				case u.Quoted:
					edits = append(edits, quotedEdit(u.Span, newName))
				case !sdk.IsIdentifier(newName):
					return nil, false // env.<name> cannot be written
				case u.Shorthand:
					edits = append(edits, source.Edit{File: u.Span.File, Start: u.Span.Start, End: u.Span.End, New: newName + ": " + oldName})
				default:
					edits = append(edits, source.Edit{File: u.Span.File, Start: u.Span.Start, End: u.Span.End, New: newName})
				}
			}
		}
	}
	return edits, true
}
