package main

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/wranglint/wranglint/lint"
	"github.com/wranglint/wranglint/lint/analyses"
	"github.com/wranglint/wranglint/lint/project"
	"github.com/wranglint/wranglint/lint/report"
	"github.com/wranglint/wranglint/rules"
)

// The route map of the sample, of the golden case with Workers reached by
// host, and of a monorepo with service bindings, queues, crons, tail
// consumers, environments, custom domains and an unserved client; each
// format is compared with its golden file (-update rewrites them).
var routeCases = map[string]string{
	"coderagent":      "../../testdata/coderagent",
	"hosts-monorepo":  "../../testdata/cases/hosts-monorepo",
	"routes-monorepo": "testdata/routes-monorepo",
}

var routeExt = map[string]string{"text": "txt", "json": "json", "mermaid": "mmd", "dot": "dot"}

func routeMapOf(t *testing.T, dir string) *report.RouteMap {
	t.Helper()
	abs, err := filepath.Abs(dir)
	if err != nil {
		t.Fatal(err)
	}
	p := project.Load(project.LoadOptions{Paths: []string{abs}, WorkDir: abs})
	out := lint.Run(p, rules.All(), lint.DefaultOptions())
	return report.BuildRouteMap(p, lint.Analyze(p, analyses.Routing, analyses.Refs), out.Diagnostics)
}

func TestRouteMapGolden(t *testing.T) {
	for name, dir := range routeCases {
		m := routeMapOf(t, dir)
		for _, format := range report.RouteFormats {
			var out bytes.Buffer
			if err := report.WriteRouteMap(&out, m, format, report.Painter{}); err != nil {
				t.Fatal(err)
			}
			golden := filepath.Join("testdata", "routes", name+"."+routeExt[format])
			if *update {
				os.MkdirAll(filepath.Dir(golden), 0o755)
				if err := os.WriteFile(golden, out.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				continue
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (go test ./cmd/wranglint -run RouteMapGolden -update writes it)", err)
			}
			if !bytes.Equal(out.Bytes(), want) {
				t.Errorf("%s: the %s map differs from %s (-update rewrites it):\n%s", name, format, golden, out.String())
			}
			switch format {
			case "mermaid":
				checkMermaid(t, name, out.String())
			case "dot":
				checkDot(t, name, out.Bytes())
			case "json":
				var back report.RouteMap
				if err := json.Unmarshal(out.Bytes(), &back); err != nil {
					t.Errorf("%s: JSON: %v", name, err)
				}
			}
		}
	}
}

// What the monorepo's map must say, whatever the layout.
func TestRouteMapContents(t *testing.T) {
	m := routeMapOf(t, "testdata/routes-monorepo")
	var api, auth, jobs *report.MapWorker
	for i := range m.Workers {
		switch m.Workers[i].Name {
		case "api":
			api = &m.Workers[i]
		case "auth":
			auth = &m.Workers[i]
		case "jobs":
			jobs = &m.Workers[i]
		}
	}
	if api == nil || auth == nil || jobs == nil || len(m.Workers) != 4 {
		t.Fatalf("workers: %+v", m.Workers)
	}
	top, staging := api.Environments[0], api.Environments[1]
	if len(top.Hosts) != 2 || top.Hosts[0] != (report.MapHost{Kind: "custom_domain", Pattern: "api.example.com"}) ||
		top.Hosts[1] != (report.MapHost{Kind: "route", Pattern: "example.com/api/*", Zone: "example.com"}) {
		t.Errorf("routes hide workers.dev, custom domains are named: %+v", top.Hosts)
	}
	if len(top.Namespaces) != 2 || top.Namespaces[1].URL != "/agents/support-bot/" || top.Namespaces[1].Binding != "SUPPORT_BOT" ||
		top.Namespaces[1].Era != "current kebab-case" || !strings.HasPrefix(top.Namespaces[1].EraFrom, "agents 0.2.20") {
		t.Errorf("namespaces: %+v", top.Namespaces)
	}
	authTop := report.MapRef{Config: "apps/auth/wrangler.toml", Env: ""}
	if len(top.Services) != 2 || top.Services[0].Targets[0] != authTop || top.Services[0].Entrypoint != "Sessions" || len(top.Services[1].Targets) != 0 {
		t.Errorf("services: %+v", top.Services)
	}
	if len(staging.Services) != 1 || staging.Services[0].Targets[0] != (report.MapRef{Config: "apps/auth/wrangler.toml", Env: "staging"}) {
		t.Errorf("an environment's service binding reaches <service>-<env>: %+v", staging.Services)
	}
	if len(top.Produces) != 1 || top.Produces[0].Targets[0] != (report.MapRef{Config: "apps/jobs/wrangler.jsonc", Env: ""}) || len(top.Tails) != 1 {
		t.Errorf("queue and tail: %+v %+v", top.Produces, top.Tails)
	}
	if len(staging.Produces) != 0 {
		t.Errorf("queues are not inherited: %+v", staging.Produces)
	}
	if a := auth.Environments; len(a[0].Crons) != 1 || len(a[1].Crons) != 1 || a[1].Hosts[1].Kind != "workers.dev" || a[1].Hosts[1].Pattern != "auth-staging.<subdomain>.workers.dev" {
		t.Errorf("crons are inherited, workers_dev true keeps workers.dev beside a route: %+v", a)
	}
	if len(jobs.Environments[0].Hosts) != 0 {
		t.Errorf("workers_dev false and no route: no host, got %+v", jobs.Environments[0].Hosts)
	}
	if len(m.Clients) != 4 {
		t.Fatalf("clients: %+v", m.Clients)
	}
	if c := m.Clients[2]; c.How != "host" || len(c.Reaches) != 1 || c.Reaches[0].MapRef != (report.MapRef{Config: "apps/api/wrangler.jsonc", Env: "staging"}) || !c.Reaches[0].Served {
		t.Errorf("a client of the staging host reaches staging alone: %+v", c)
	}
	if c := m.Clients[3]; c.Reaches[0].Served || len(c.Findings) != 1 || c.Findings[0].Rule != "unroutable-agent-url" {
		t.Errorf("the unserved URL carries the lint's finding: %+v", c)
	}
}

// Text from files cannot break out of a label in any graph format, nor
// reach a terminal unescaped in the text one.
func TestRouteMapEscapesEverything(t *testing.T) {
	hostile := "a\"b#c<d>e&f`g|h[i]j{k}l(m)n;o\np\x1b[31mq\u202er\\s"
	m := &report.RouteMap{
		Workers: []report.MapWorker{{Config: hostile + ".jsonc", Name: hostile, Prefixes: []string{"agents"}, Environments: []report.MapEnv{{
			Env: hostile, Label: hostile, Deployed: hostile, Hosts: []report.MapHost{{Kind: "route", Pattern: hostile}},
			Namespaces: []report.MapNamespace{{URL: "/agents/" + hostile + "/", Binding: hostile, Class: hostile}},
			Services:   []report.MapLink{{Binding: hostile, Name: hostile, Targets: []report.MapRef{}}}, Crons: []string{hostile},
			Produces: []report.MapLink{{Binding: hostile, Name: hostile}}, Consumes: []report.MapLink{{Name: hostile}},
		}}}},
		Clients: []report.MapClient{{At: hostile + ":1:1", Via: "useAgent", Value: hostile, Asks: "/agents/" + hostile + "/",
			Reaches:  []report.MapReach{{MapRef: report.MapRef{Config: hostile + ".jsonc", Env: hostile}, Served: true, URL: "/agents/" + hostile + "/"}},
			Findings: []report.MapFinding{{Rule: "r", Message: hostile}}}},
	}
	for _, format := range report.RouteFormats {
		var out bytes.Buffer
		if err := report.WriteRouteMap(&out, m, format, report.Painter{}); err != nil {
			t.Fatal(err)
		}
		s := out.String()
		if format != "json" && (strings.ContainsAny(s, "\x1b\u202e") || strings.Contains(s, "n;o\np")) {
			t.Errorf("%s: a control character or a newline from a file reached the output:\n%q", format, s)
		}
		switch format {
		case "mermaid":
			checkMermaid(t, "hostile", s)
		case "dot":
			checkDot(t, "hostile", out.Bytes())
		}
	}
}

// checkMermaid reads a flowchart as Mermaid's grammar would and fails on
// any line that is not one of the statements report.WriteRouteMap writes, on a
// label with a character Mermaid reads as syntax, on an edge to a node
// never declared and on unbalanced subgraphs. (The output of these cases
// was also parsed by Mermaid 11 itself, mermaid.parse under jsdom.)
func checkMermaid(t *testing.T, name, text string) {
	t.Helper()
	const id = `[A-Za-z][A-Za-z0-9_]*`
	const label = `"((?:[^"#<>&` + "`" + `]|#[0-9]+;|<br/>)*)"`
	var (
		header   = regexp.MustCompile(`^flowchart LR$`)
		classDef = regexp.MustCompile(`^  classDef (miss|outside) [a-z-]+:[#a-z0-9 ]+(,[a-z-]+:[#a-z0-9 ]+)*$`)
		subgraph = regexp.MustCompile(`^  subgraph (` + id + `)\[` + label + `\]$`)
		endLine  = regexp.MustCompile(`^  end$`)
		node     = regexp.MustCompile(`^ +(` + id + `)(\["|\(\["|\[/"|\[\(")((?:[^"#<>&` + "`" + `]|#[0-9]+;|<br/>)*)("\]|"\]\)|"/\]|"\)\])$`)
		class    = regexp.MustCompile(`^ +class (` + id + `) (miss|outside)$`)
		edge     = regexp.MustCompile(`^ +(` + id + `) (-->|-\.->|==>)(?:\|` + label + `\|)? (` + id + `)$`)
	)
	shapes := map[string]string{`["`: `"]`, `(["`: `"])`, `[/"`: `"/]`, `[("`: `")]`}
	lines := strings.Split(strings.TrimSuffix(text, "\n"), "\n")
	if !header.MatchString(lines[0]) {
		t.Errorf("%s: mermaid: first line %q", name, lines[0])
	}
	declared := map[string]bool{}
	var used []string
	depth := 0
	for i, l := range lines[1:] {
		switch {
		case classDef.MatchString(l), class.MatchString(l):
		case subgraph.MatchString(l):
			depth++
			declared[subgraph.FindStringSubmatch(l)[1]] = true
		case endLine.MatchString(l):
			depth--
		case node.MatchString(l):
			m := node.FindStringSubmatch(l)
			if shapes[m[2]] != m[4] {
				t.Errorf("%s: mermaid line %d: shape %s closed by %s", name, i+2, m[2], m[4])
			}
			if m[1] == "end" || declared[m[1]] {
				t.Errorf("%s: mermaid line %d: node %s declared twice (or named end)", name, i+2, m[1])
			}
			declared[m[1]] = true
		case edge.MatchString(l):
			m := edge.FindStringSubmatch(l)
			used = append(used, m[1], m[4])
		default:
			t.Errorf("%s: mermaid line %d is no statement the map writes, or its label is not escaped: %q", name, i+2, l)
		}
		if depth < 0 || depth > 1 {
			t.Errorf("%s: mermaid line %d: subgraphs unbalanced", name, i+2)
		}
	}
	if depth != 0 {
		t.Errorf("%s: mermaid: a subgraph is not closed", name)
	}
	for _, u := range used {
		if !declared[u] {
			t.Errorf("%s: mermaid: an edge names %s, which no node declares", name, u)
		}
	}
}

// checkDot runs Graphviz on the graph where it is installed (the apt
// package graphviz); without it, the graph's quoting is checked.
func checkDot(t *testing.T, name string, text []byte) {
	t.Helper()
	quoted := regexp.MustCompile(`"(?:[^"\\\n]|\\.)*"`)
	for i, l := range strings.Split(string(text), "\n") {
		if strings.Count(quoted.ReplaceAllString(l, ""), `"`) != 0 {
			t.Errorf("%s: dot line %d has an unbalanced quote: %q", name, i+1, l)
		}
	}
	dot, err := exec.LookPath("dot")
	if err != nil {
		return
	}
	cmd := exec.Command(dot, "-Tsvg", "-o", os.DevNull)
	cmd.Stdin = bytes.NewReader(text)
	if out, err := cmd.CombinedOutput(); err != nil || len(out) > 0 {
		t.Errorf("%s: dot -Tsvg: %v\n%s", name, err, out)
	}
}
