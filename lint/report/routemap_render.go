package report

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/fatih/color"
	"github.com/wranglint/wranglint/lint"
)

// RouteFormats are the formats `wranglint routes` prints.
var RouteFormats = []string{"text", "json", "mermaid", "dot"}

// CheckRouteFormat says what is wrong with a routes format name, or "".
func CheckRouteFormat(format string) string {
	for _, f := range RouteFormats {
		if f == format {
			return ""
		}
	}
	return fmt.Sprintf("unknown routes --format %q (use %s)", format, strings.Join(RouteFormats, ", "))
}

// WriteRouteMap prints the map in a format of RouteFormats: text for
// reading, JSON for tools, a Mermaid flowchart (GitHub renders it in
// Markdown) or a Graphviz graph (dot -Tsvg). pt colours the text format
// alone: the others are read by tools.
func WriteRouteMap(w io.Writer, m *RouteMap, format string, pt Painter) error {
	switch format {
	case "json":
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		return enc.Encode(m)
	case "mermaid":
		return writeGraph(w, m, mermaidSyntax{})
	case "dot":
		return writeGraph(w, m, dotSyntax{})
	}
	return writeRouteText(w, m, pt)
}

func writeRouteText(w io.Writer, m *RouteMap, pt Painter) error {
	var b strings.Builder
	labels := envLabels(m)
	for _, wk := range m.Workers {
		b.WriteString(pt.paint(fmt.Sprintf("Worker %s (%s)", quote(wk.Name), Escape(wk.Config)), color.Bold))
		switch {
		case wk.TestHarness:
			b.WriteString(", a test harness (not deployed)")
		case wk.RoutingOnly:
			b.WriteString(", outside the folders given")
		}
		b.WriteString("\n")
		if servesAny(wk) {
			fmt.Fprintf(&b, "  routes %s; %s\n", Escape(strings.Join(slashed(wk.Prefixes), ", ")), Escape(wk.Versions))
		}
		for _, e := range wk.Environments {
			fmt.Fprintf(&b, "  %s, deployed as %s\n", Escape(e.Label), quote(e.Deployed))
			for _, h := range e.Hosts {
				fmt.Fprintf(&b, "    host       %s\n", hostText(h))
			}
			if len(e.Hosts) == 0 {
				b.WriteString("    host       none (no route, and workers.dev is off or the Worker has no name)\n")
			}
			for _, n := range e.Namespaces {
				fmt.Fprintf(&b, "    serves     %s -> %s (%s; %s, %s)\n", Escape(n.URL), namespaceTarget(n), Escape(n.At), n.Era, Escape(n.EraFrom))
			}
			for _, l := range e.Services {
				fmt.Fprintf(&b, "    service    %s -> %s%s\n", Escape(l.Binding), serviceText(l), targetsText(l.Targets, labels))
			}
			for _, l := range e.Produces {
				fmt.Fprintf(&b, "    produces   queue %s as %s%s\n", quote(l.Name), Escape(l.Binding), consumersText(l.Targets, labels))
			}
			for _, l := range e.Consumes {
				fmt.Fprintf(&b, "    consumes   queue %s\n", quote(l.Name))
			}
			for _, c := range e.Crons {
				fmt.Fprintf(&b, "    cron       %s\n", quote(c))
			}
			for _, l := range e.Tails {
				fmt.Fprintf(&b, "    tail       %s%s\n", serviceText(l), targetsText(l.Targets, labels))
			}
		}
		b.WriteString("\n")
	}
	if len(m.Workers) == 0 {
		b.WriteString("no Worker found\n\n")
	}
	if len(m.Clients) == 0 {
		b.WriteString("no client reference found\n")
	} else {
		b.WriteString(pt.paint("Clients", color.Bold) + "\n")
	}
	for _, c := range m.Clients {
		fmt.Fprintf(&b, "  %s: %s %s", Escape(c.At), Escape(c.Via), quote(c.Value))
		if c.Asks != "" {
			fmt.Fprintf(&b, " asks for %s", Escape(c.Asks))
		}
		if c.Era != "" {
			fmt.Fprintf(&b, " (%s)", c.Era)
		}
		b.WriteString("\n")
		if c.Unjudged != "" {
			fmt.Fprintf(&b, "    %s %s\n", pt.paint("not judged:", color.FgYellow), Escape(c.Unjudged))
		}
		for _, r := range c.Reaches {
			fmt.Fprintf(&b, "    -> %s (%s): %s\n", Escape(labels[r.MapRef]), howText(c.How), paintReach(reachText(r), r.Served, pt))
		}
		for _, f := range c.Findings {
			fmt.Fprintf(&b, "    %s %s\n", pt.link(pt.paint("["+f.Rule+"]", pt.severity(f.Severity)...), lint.DocsURL(f.Rule)), Escape(f.Message))
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// servesAny: some environment of the Worker serves a namespace.
func servesAny(wk MapWorker) bool {
	for _, e := range wk.Environments {
		if len(e.Namespaces) > 0 {
			return true
		}
	}
	return false
}

func quote(s string) string { return "\"" + Escape(s) + "\"" }

func slashed(prefixes []string) []string {
	out := make([]string, len(prefixes))
	for i, p := range prefixes {
		out[i] = "/" + p + "/"
	}
	return out
}

func hostText(h MapHost) string {
	s := Escape(h.Pattern) + " (" + strings.ReplaceAll(h.Kind, "_", " ")
	if h.Zone != "" {
		s += ", zone " + Escape(h.Zone)
	}
	return s + ")"
}

func namespaceTarget(n MapNamespace) string {
	s := "binding " + quote(n.Binding) + ", class " + quote(n.Class)
	if n.Script != "" {
		s += " of Worker " + quote(n.Script)
	}
	return s
}

func serviceText(l MapLink) string {
	s := quote(l.Name)
	if l.Entrypoint != "" {
		s += " entrypoint " + quote(l.Entrypoint)
	}
	if l.Environment != "" {
		s += " environment " + quote(l.Environment)
	}
	return s
}

func targetsText(ts []MapRef, labels map[MapRef]string) string {
	if len(ts) == 0 {
		return " (not a Worker of these folders)"
	}
	var parts []string
	for _, t := range ts {
		parts = append(parts, Escape(labels[t]))
	}
	return " (" + strings.Join(parts, "; ") + ")"
}

func consumersText(ts []MapRef, labels map[MapRef]string) string {
	if len(ts) == 0 {
		return " (no consumer in these folders)"
	}
	var parts []string
	for _, t := range ts {
		parts = append(parts, Escape(labels[t]))
	}
	return ", consumed by " + strings.Join(parts, "; ")
}

func howText(how string) string {
	switch how {
	case "host":
		return "its host"
	case "folder":
		return "the Worker of its folder"
	}
	return "any Worker that serves it"
}

func reachText(r MapReach) string {
	if r.Served {
		return "served at " + Escape(r.URL) + " by binding " + quote(r.Binding)
	}
	if r.Nearest != "" {
		return "not served (nearest: " + Escape(r.Nearest) + ", binding " + quote(r.Binding) + ")"
	}
	return "not served"
}

// paintReach colours a reach green when served, red when not.
func paintReach(s string, served bool, pt Painter) string {
	if served {
		return pt.paint(s, color.FgGreen)
	}
	return pt.paint(s, color.FgRed)
}

// envLabels names every deployment "config, env" for references.
func envLabels(m *RouteMap) map[MapRef]string {
	out := map[MapRef]string{}
	for _, wk := range m.Workers {
		for _, e := range wk.Environments {
			out[MapRef{wk.Config, e.Env}] = wk.Config + ", " + e.Label
		}
	}
	return out
}

// graphSyntax writes one graph language: node shapes, edges, clusters.
type graphSyntax interface {
	begin(b *strings.Builder)
	end(b *strings.Builder)
	beginCluster(b *strings.Builder, id string, label []string)
	endCluster(b *strings.Builder)
	node(b *strings.Builder, indent, id, shape string, label []string)
	edge(b *strings.Builder, indent, from, to, style, label string)
}

// Node shapes and edge styles, named by what they draw.
const (
	shapeEnv       = "env"
	shapeNamespace = "namespace"
	shapeClient    = "client"
	shapeMiss      = "miss" // a client that reaches nothing serving it
	shapeQueue     = "queue"
	shapeOutside   = "outside" // a Worker named but not in these folders

	edgeServes  = "serves"
	edgeReaches = "reaches"
	edgeMisses  = "misses"
	edgeLink    = "link"
)

// writeGraph draws the map: a cluster per Worker holding a node per
// environment and one per namespace it serves; clients pointing at the
// namespace that serves them (or, dashed, at the deployment that does
// not); service bindings, queues (a node each) and tail consumers between
// environments.
func writeGraph(w io.Writer, m *RouteMap, g graphSyntax) error {
	var b strings.Builder
	g.begin(&b)
	envID := map[MapRef]string{}
	nsID := map[MapRef]map[string]string{}
	for i, wk := range m.Workers {
		for j, e := range wk.Environments {
			ref := MapRef{wk.Config, e.Env}
			envID[ref] = fmt.Sprintf("w%d_%d", i, j)
			nsID[ref] = map[string]string{}
			for k, n := range e.Namespaces {
				nsID[ref][n.URL] = fmt.Sprintf("w%d_%d_n%d", i, j, k)
			}
		}
	}
	for i, wk := range m.Workers {
		title := []string{"Worker " + wk.Name, wk.Config}
		switch {
		case wk.TestHarness:
			title = append(title, "test harness")
		case wk.RoutingOnly:
			title = append(title, "outside the folders given")
		}
		g.beginCluster(&b, fmt.Sprintf("w%d", i), title)
		in := "    "
		for _, e := range wk.Environments {
			ref := MapRef{wk.Config, e.Env}
			label := []string{e.Deployed + " (" + e.Label + ")"}
			for _, h := range e.Hosts {
				label = append(label, h.Pattern)
			}
			for _, c := range e.Crons {
				label = append(label, "cron "+c)
			}
			g.node(&b, in, envID[ref], shapeEnv, label)
			for _, n := range e.Namespaces {
				label := []string{n.URL, n.Binding + " → class " + n.Class}
				if n.Script != "" {
					label[1] += " of " + n.Script
				}
				g.node(&b, in, nsID[ref][n.URL], shapeNamespace, label)
				g.edge(&b, in, envID[ref], nsID[ref][n.URL], edgeServes, "")
			}
		}
		g.endCluster(&b)
	}
	outside := map[string]string{}
	outsideNode := func(kind, name string) string {
		key := kind + "\x00" + name
		if id, ok := outside[key]; ok {
			return id
		}
		id := fmt.Sprintf("x%d", len(outside))
		outside[key] = id
		g.node(&b, "  ", id, shapeOutside, []string{kind + " " + name, "not in these folders"})
		return id
	}
	queues := map[string]string{}
	queueNode := func(name string) string {
		if id, ok := queues[name]; ok {
			return id
		}
		id := fmt.Sprintf("q%d", len(queues))
		queues[name] = id
		g.node(&b, "  ", id, shapeQueue, []string{"queue " + name})
		return id
	}
	for _, wk := range m.Workers {
		for _, e := range wk.Environments {
			from := envID[MapRef{wk.Config, e.Env}]
			for _, l := range e.Services {
				label := "service " + l.Binding
				if l.Entrypoint != "" {
					label += " (" + l.Entrypoint + ")"
				}
				if len(l.Targets) == 0 {
					g.edge(&b, "  ", from, outsideNode("Worker", l.Name), edgeLink, label)
				}
				for _, t := range l.Targets {
					g.edge(&b, "  ", from, envID[t], edgeLink, label)
				}
			}
			for _, l := range e.Produces {
				g.edge(&b, "  ", from, queueNode(l.Name), edgeLink, "produces "+l.Binding)
			}
			for _, l := range e.Consumes {
				g.edge(&b, "  ", queueNode(l.Name), from, edgeLink, "consumed")
			}
			for _, l := range e.Tails {
				if len(l.Targets) == 0 {
					g.edge(&b, "  ", from, outsideNode("Worker", l.Name), edgeLink, "tail")
				}
				for _, t := range l.Targets {
					g.edge(&b, "  ", from, envID[t], edgeLink, "tail")
				}
			}
		}
	}
	for i, c := range m.Clients {
		id := fmt.Sprintf("c%d", i)
		label := []string{c.At, c.Via + " \"" + c.Value + "\""}
		if c.Asks != "" {
			label = append(label, "asks "+c.Asks)
		}
		shape := shapeClient
		missing := len(c.Reaches) == 0
		for _, r := range c.Reaches {
			missing = missing || !r.Served
		}
		if missing {
			shape = shapeMiss
		}
		g.node(&b, "  ", id, shape, label)
		for _, r := range c.Reaches {
			if r.Served {
				g.edge(&b, "  ", id, nsID[r.MapRef][r.URL], edgeReaches, "")
				continue
			}
			why := "not served"
			if len(c.Findings) > 0 {
				why = c.Findings[0].Rule
			}
			g.edge(&b, "  ", id, envID[r.MapRef], edgeMisses, why)
		}
	}
	g.end(&b)
	_, err := io.WriteString(w, b.String())
	return err
}

// mermaidSyntax writes a Mermaid flowchart. Labels are quoted strings in
// which every character Mermaid could read as syntax is an entity code
// (#quot; and the like), lines joined with <br/>.
type mermaidSyntax struct{}

func (mermaidSyntax) begin(b *strings.Builder) {
	b.WriteString("flowchart LR\n")
	b.WriteString("  classDef miss stroke:#c00,stroke-width:2px\n")
	b.WriteString("  classDef outside stroke-dasharray:4 4\n")
}

func (mermaidSyntax) end(b *strings.Builder) {}

func (mermaidSyntax) beginCluster(b *strings.Builder, id string, label []string) {
	fmt.Fprintf(b, "  subgraph %s[\"%s\"]\n", id, mermaidLabel(label))
}

func (mermaidSyntax) endCluster(b *strings.Builder) { b.WriteString("  end\n") }

func (mermaidSyntax) node(b *strings.Builder, in, id, shape string, label []string) {
	open, close := "[\"", "\"]"
	switch shape {
	case shapeNamespace:
		open, close = "([\"", "\"])"
	case shapeClient, shapeMiss:
		open, close = "[/\"", "\"/]"
	case shapeQueue:
		open, close = "[(\"", "\")]"
	}
	fmt.Fprintf(b, "%s%s%s%s%s\n", in, id, open, mermaidLabel(label), close)
	switch shape {
	case shapeMiss:
		fmt.Fprintf(b, "%sclass %s miss\n", in, id)
	case shapeOutside:
		fmt.Fprintf(b, "%sclass %s outside\n", in, id)
	}
}

func (mermaidSyntax) edge(b *strings.Builder, in, from, to, style, label string) {
	arrow := "-->"
	switch style {
	case edgeMisses:
		arrow = "-.->"
	case edgeLink:
		arrow = "==>"
	}
	if label == "" {
		fmt.Fprintf(b, "%s%s %s %s\n", in, from, arrow, to)
		return
	}
	fmt.Fprintf(b, "%s%s %s|\"%s\"| %s\n", in, from, arrow, mermaidLabel([]string{label}), to)
}

// mermaidLabel escapes each line and joins them with <br/>.
func mermaidLabel(lines []string) string {
	out := make([]string, len(lines))
	for i, l := range lines {
		out[i] = mermaidText(l)
	}
	return strings.Join(out, "<br/>")
}

// mermaidText writes text as Mermaid shows it literally: characters that
// are syntax in labels become decimal entity codes (#35; for #), control
// characters and bidi controls are escaped first as every output does.
func mermaidText(s string) string {
	var b strings.Builder
	for _, r := range Escape(s) {
		switch r {
		case '"', '#', '<', '>', '&', '`', '|', '[', ']', '{', '}', '(', ')', ';':
			fmt.Fprintf(&b, "#%d;", r)
		case '\n', '\r', '\t':
			b.WriteByte(' ')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// dotSyntax writes a Graphviz digraph.
type dotSyntax struct{}

func (dotSyntax) begin(b *strings.Builder) {
	b.WriteString("digraph routes {\n  rankdir=LR;\n  node [shape=box, fontname=\"Helvetica\", fontsize=10];\n  edge [fontname=\"Helvetica\", fontsize=9];\n")
}

func (dotSyntax) end(b *strings.Builder) { b.WriteString("}\n") }

func (dotSyntax) beginCluster(b *strings.Builder, id string, label []string) {
	fmt.Fprintf(b, "  subgraph cluster_%s {\n    label=%s;\n    style=rounded;\n", id, dotLabel(label))
}

func (dotSyntax) endCluster(b *strings.Builder) { b.WriteString("  }\n") }

func (dotSyntax) node(b *strings.Builder, in, id, shape string, label []string) {
	attrs := map[string]string{
		shapeEnv:       "shape=box",
		shapeNamespace: "shape=ellipse",
		shapeClient:    "shape=note",
		shapeMiss:      "shape=note, color=red",
		shapeQueue:     "shape=cylinder",
		shapeOutside:   "shape=box, style=dashed",
	}[shape]
	fmt.Fprintf(b, "%s%s [%s, label=%s];\n", in, id, attrs, dotLabel(label))
}

func (dotSyntax) edge(b *strings.Builder, in, from, to, style, label string) {
	attrs := map[string]string{edgeServes: "", edgeReaches: "", edgeMisses: "style=dashed, color=red", edgeLink: "style=bold"}[style]
	if label != "" {
		if attrs != "" {
			attrs += ", "
		}
		attrs += "label=" + dotLabel([]string{label})
	}
	if attrs != "" {
		attrs = " [" + attrs + "]"
	}
	fmt.Fprintf(b, "%s%s -> %s%s;\n", in, from, to, attrs)
}

// dotLabel is a quoted DOT string, its lines joined by \n.
func dotLabel(lines []string) string {
	out := make([]string, len(lines))
	for i, l := range lines {
		out[i] = strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", " ", "\r", " ").Replace(Escape(l))
	}
	return "\"" + strings.Join(out, `\n`) + "\""
}
