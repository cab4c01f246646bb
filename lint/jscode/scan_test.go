package jscode

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/wranglint/wranglint/lint/source"
)

func scan(t *testing.T, name, src string) *SourceFacts {
	t.Helper()
	sf := ScanSource(source.NewFile("/p/"+name, name, []byte(src)))
	if sf.Syntax != nil {
		t.Fatalf("syntax: %v", sf.Syntax)
	}
	return sf
}

func TestScanClientsAndPositions(t *testing.T) {
	src := `import { useAgent as ua } from "agents/react";
import * as client from "agents/client";
import PartySocket from "partysocket";
// ü😀 a wide line before the calls
const NAME = 'Coder';
export function A({ host }: { host: string }) {
  ua({ agent: NAME, name: "x" });
  new client.AgentClient({ agent: "Chat", host: "chat.example.com", prefix: "/api/agents/" });
  client.agentFetch({ ...opts, agent: "Spread" });
  new PartySocket({ party: ` + "`room`" + `, host });
  const ws = new WebSocket(` + "`wss://${host}/agents/coder/${id}`" + `);
  return <div>{String(ws)}</div>;
}
`
	sf := scan(t, "a.tsx", src)
	var got []string
	for _, r := range sf.Refs {
		got = append(got, r.Via+"|"+r.Value+"|"+r.Prefix+"|"+r.Host+"|"+r.Span.String())
	}
	want := []string{
		"useAgent|Coder|||a.tsx:5:14",
		"new AgentClient|Chat|api/agents|chat.example.com|a.tsx:8:35",
		"agentFetch|Spread|||a.tsx:9:39", // an unknown spread is assumed not to set agent
		"new PartySocket|room|||a.tsx:10:28",
		"URL literal|wss://${…}/agents/coder/${…}|||a.tsx:11:28",
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("refs:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if sf.Refs[4].Span.Text() != "`wss://${host}/agents/coder/${id}`" {
		t.Fatalf("template span %q", sf.Refs[4].Span.Text())
	}
}

func TestScanIgnoresUnimportedAndComputed(t *testing.T) {
	sf := scan(t, "b.ts", `
function useAgent(o: unknown) { return o; }
useAgent({ agent: "local" });
import { useAgent as real } from "agents/react";
real({ agent: "a", prefix: computed() });
real({ agent: "b", basePath: "x" });
const s = "/agents/not-a-request/x";
`)
	if len(sf.Refs) != 0 {
		t.Fatalf("unexpected refs: %+v", sf.Refs[0])
	}
}

func TestScanRouteCallsExportsClasses(t *testing.T) {
	sf := scan(t, "s.ts", `import { Agent as Base, routeAgentRequest } from "agents";
import { Foo } from "./foo";
export class CoderAgent extends Base {}
class Hidden {}
export { Hidden as Visible, Foo };
export default { fetch: (r, e) => routeAgentRequest(r, e, { prefix: "api" }) };
`)
	if len(sf.RouteCalls) != 1 || sf.RouteCalls[0].Prefix != "api" {
		t.Fatalf("route calls: %+v", sf.RouteCalls)
	}
	var names []string
	for _, e := range sf.Exports {
		names = append(names, e.Name)
	}
	if strings.Join(names, ",") != "CoderAgent,Visible,Foo,default" {
		t.Fatalf("exports: %v", names)
	}
	if c := sf.Classes[0]; c.Name != "CoderAgent" || c.ExtendsModule != "agents" || c.ExtendsName != "Agent" {
		t.Fatalf("class: %+v", c)
	}
	if sf.Quote != '"' || !sf.Semi || sf.InsertAt != strings.Index(string(sf.File.Data), "export class") {
		t.Fatalf("insertion point %d quote %c semi %v", sf.InsertAt, sf.Quote, sf.Semi)
	}
}

func TestScanSyntaxError(t *testing.T) {
	sf := ScanSource(source.NewFile("/p/x.ts", "x.ts", []byte("const a = ;\n")))
	if sf.Syntax == nil || sf.Syntax.Span.StartPos() != (source.Pos{Line: 1, Col: 11}) {
		t.Fatalf("syntax error: %+v", sf.Syntax)
	}
}

func TestSplitURLAndSegments(t *testing.T) {
	cases := []struct {
		parts      []string
		host, path string
		ok         bool
	}{
		{[]string{"wss://A.example.com:443/agents/x/y"}, "a.example.com", "/agents/x/y", true},
		{[]string{"/agents/x/y"}, "", "/agents/x/y", true},
		{[]string{"", "/agents/x/", ""}, "", "/agents/x/", true},
		{[]string{"", "://", "/agents/x/", ""}, "", "/agents/x/", true},
		{[]string{"wss://", "/agents/x/", ""}, "", "/agents/x/", true},
		{[]string{"Hello ", "/agents/x/y"}, "", "", false},
		{[]string{"//cdn/agents/x/y"}, "", "", false},
		{[]string{"agents/x/y"}, "", "", false},
	}
	for _, c := range cases {
		host, path, _, ok := splitURL(c.parts)
		if host != c.host || path != c.path || ok != c.ok {
			t.Errorf("splitURL(%q) = %q %q %v", c.parts, host, path, ok)
		}
	}
	segs := map[string][]string{
		"/agents/chat/default":  {"agents", "chat", "default"},
		"/agents/chat/?x=1":     {"agents", "chat"},
		"/agents/:agent/:name":  {"agents", "", ""},
		"/agents/chat/[id]/sub": {"agents", "chat", "", "sub"},
	}
	for in, want := range segs {
		if got := pathSegments(in, false); !reflect.DeepEqual(got, want) {
			t.Errorf("pathSegments(%q) = %q", in, got)
		}
	}
	if got := pathSegments("/agents/chat/", true); !reflect.DeepEqual(got, []string{"agents", "chat", ""}) {
		t.Errorf("open path: %q", got)
	}
	if got := pathSegments("/agents/chat-", true); !reflect.DeepEqual(got, []string{"agents", ""}) {
		t.Errorf("a segment running into a substitution is unknown: %q", got)
	}
}

func TestLiteralEndAndUnquote(t *testing.T) {
	for src, want := range map[string]int{`"a\"b" x`: 6, "'a' x": 3, "`a${ {b:`c`} }d` x": 16, "\"open\n": 5} {
		if got := literalEnd([]byte(src), 0); got != want {
			t.Errorf("literalEnd(%q) = %d, want %d", src, got, want)
		}
	}
	if unquoteJS([]byte(`"a\nb"`)) != "a\nb" || unquoteJS([]byte(`'x'`)) != "x" {
		t.Error("unquote")
	}
}

func TestSourceMapVLQ(t *testing.T) {
	sm, ok := parseSourceMap([]byte(`{"mappings":"AAAA,SAAS;AACT,gBAAgB"}`))
	if !ok || len(sm.lines) != 2 {
		t.Fatal("parse")
	}
	if m, _ := sm.find(0, 12); m != (mapping{9, 0, 9}) {
		t.Errorf("line 0: %+v", m)
	}
	if m, _ := sm.find(1, 20); m != (mapping{16, 1, 16}) {
		t.Errorf("line 1: %+v", m)
	}
	if _, ok := parseSourceMap([]byte(`{"mappings":"A!"}`)); ok {
		t.Error("bad base64 must fail")
	}
	if utf16Col([]byte("a😀")) != 3 || byteOffsetAtUTF16([]byte("a😀b"), 3) != 5 {
		t.Error("UTF-16 columns")
	}
}

func TestScanEnvUses(t *testing.T) {
	sf := scan(t, "w.ts", `export class CoderAgent {}
export default {
  async fetch(req: Request, env: Env) {
    const a = env.CoderAgent;
    const { CoderAgent, Other: o, "Quoted": q } = env;
    const b = this.env["CoderAgent"];
    const { CoderAgent: renamed } = c.env;
    return [a, b, CoderAgent, o, q, renamed, notEnv.CoderAgent];
  },
};
`)
	var got []string
	for _, u := range sf.EnvUses {
		got = append(got, fmt.Sprintf("%s@%d:%d short=%v quoted=%v", u.Name, u.Span.StartPos().Line, u.Span.StartPos().Col, u.Shorthand, u.Quoted))
	}
	want := []string{
		"CoderAgent@4:19 short=false quoted=false",
		"CoderAgent@5:13 short=true quoted=false",
		"Other@5:25 short=false quoted=false",
		"Quoted@5:35 short=false quoted=true",
		"CoderAgent@6:24 short=false quoted=true",
		"CoderAgent@7:13 short=false quoted=false",
	}
	if !sf.EnvUsesExact || strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("env uses (exact %v):\n%s", sf.EnvUsesExact, strings.Join(got, "\n"))
	}
}

func TestScanCodeFacts(t *testing.T) {
	sf := scan(t, "c.ts", `import { routeAgentRequest } from "agents";
import { MyMCP } from "./mcp";
export default {
  async fetch(request: Request, env: Env) {
    const id = env.Coder.idFromName("x");
    const stub = env.Coder.get(id);
    await stub.fetch(request);
    await env.Other.get(env.Other.newUniqueId()).fetch(request);
    await env.Named.getByName("n").fetch(request);
    MyMCP.serve("/mcp", { binding: "MY_MCP" });
    MyMCP.serveSSE("/sse");
    if (routeAgentRequest(request, env)) {}
    const a = (await routeAgentRequest(request, env)) || null;
    return routeAgentRequest(request, env) ?? new Response(null);
  },
};
`)
	var got []string
	for _, f := range sf.StubFetches {
		got = append(got, fmt.Sprintf("%s/%s@%v", f.Binding, f.IDKind, f.Span.StartPos()))
	}
	if strings.Join(got, " ") != "Coder/idFromName@{7 16} Other/newUniqueId@{8 50} Named/getByName@{9 36}" {
		t.Errorf("stub fetches: %v", got)
	}
	got = nil
	for _, m := range sf.McpServes {
		got = append(got, fmt.Sprintf("%s.%s binding=%q/%v@%v", m.Class, m.Method, m.Binding, m.HasBinding, m.Span.StartPos()))
	}
	if strings.Join(got, " ") != `MyMCP.serve binding="MY_MCP"/true@{10 11} MyMCP.serveSSE binding=""/false@{11 11}` {
		t.Errorf("mcp: %v", got)
	}
	got = nil
	for _, rc := range sf.RouteCalls {
		where := "unplaced"
		if rc.Span.Valid() {
			where = fmt.Sprint(rc.Span.StartPos())
		}
		got = append(got, fmt.Sprintf("%q@%v", rc.Unawaited, where))
	}
	// Three calls in one scope share one Var: the first is placed, the
	// others are not guessed.
	if strings.Join(got, " ") != `"condition"@{12 9} ""@unplaced "??"@unplaced` {
		t.Errorf("route calls: %v", got)
	}
}

func TestScanStarExports(t *testing.T) {
	sf := scan(t, "i.ts", "export * from \"pkg\";\nexport * as ns from \"other\";\nexport { a } from \"./a\";\n")
	if strings.Join(sf.StarExports, ",") != "pkg" {
		t.Fatalf("star exports: %v", sf.StarExports)
	}
}

// A method with the routing function's name once shifted the placement of
// every later call (positions were counted from lexed "name(" tokens); they
// come from the syntax tree now.
func TestCallSitesComeFromTheTree(t *testing.T) {
	sf := scan(t, "index.ts", `import { routeAgentRequest } from "agents";
const helpers = { routeAgentRequest(r: Request) { return r; } };
export default {
  async fetch(request: Request, env: Env) {
    return routeAgentRequest(request, env) || new Response("no", { status: 404 });
  },
  async other(request: Request, env: Env) {
    if (routeAgentRequest(request, env)) return new Response("x");
    return new Response(String(helpers));
  },
};
`)
	var got []string
	for _, rc := range sf.RouteCalls {
		got = append(got, fmt.Sprintf("%q@%v", rc.Unawaited, rc.Span.StartPos()))
	}
	if strings.Join(got, " ") != `"||"@{5 12} "condition"@{8 9}` {
		t.Errorf("route calls: %v", got)
	}
}

// The keyword filter lets through every client the scanner judges: a
// file that holds one of them and no other keyword is scanned.
func TestNeedsScanIsSound(t *testing.T) {
	var names []string
	for key := range clientAPIs {
		mod, name, _ := strings.Cut(key, "#")
		names = append(names, mod)
		if name != "default" {
			names = append(names, name)
		}
	}
	for name, mods := range routeAPIs {
		names = append(append(names, name), mods...)
	}
	for name := range urlCallees {
		names = append(names, name)
	}
	for _, n := range names {
		if !NeedsScan([]byte("x = " + n + "(y)")) {
			t.Errorf("a file calling %s is not scanned", n)
		}
	}
	for _, src := range []string{
		`new WebSocket(new URL(SUPPORT_URL, location.origin))`,
		`const u = "wss://h.example.com/rooms/chat/x"`,
		`export default { fetch: () => new Response("") }`,
	} {
		if !NeedsScan([]byte(src)) {
			t.Errorf("not scanned: %s", src)
		}
	}
	if NeedsScan([]byte(`export const SUPPORT = "/rooms/supportagent/default"; export const n = 1;`)) {
		t.Error("a module of constants alone is scanned when a scanned file imports it, not by the filter")
	}
	sf := ScanSource(source.NewFile("/p/worker-configuration.d.ts", "worker-configuration.d.ts",
		[]byte(`declare const x: string; interface Env { A: DurableObjectNamespace } declare function fetch(u: "wss://h/agents/a/b"): void;`)))
	if sf.Syntax != nil || len(sf.Refs) != 0 {
		t.Errorf("a declaration file holds nothing that runs: %+v", sf)
	}
}

func TestScanEnvUsesGuarded(t *testing.T) {
	sf := scan(t, "w.ts", `export default {
  async fetch(req: Request, env: Env) {
    const a = env.A ?? "x";
    const b = env.B || "x";
    if (env.C) use(env.C); // the walk reads the body before the test
    const d = env.D ? 1 : 0;
    const e = !env.E;
    const f = typeof env.F;
    const g = await env.G?.get("k");
    const h = env.H === undefined;
    const i = null != env.I;
    const j = Boolean(env.J);
    const k = env.K;
    if (!k) return;
    const { L, M } = env;
    if (L) use(M);
    const n = (env.N) ?? 1;
    const o = env.O.get("k");
    const p = env.P && 1;
    const q = use(env.Q) ?? 1;
    const r = env.R;
    use(r);
    if (!client && env.T) use(1);
    const u = a || env.U ? 1 : 0;
    const v = a && env.V; // a value, not a test
    const w = on ? env.W : undefined;
    if (w) use(w);
    const x = (on && env.X) || null;
    x?.get();
    return env.S?.();
  },
};
`)
	var got []string
	for _, u := range sf.EnvUses {
		got = append(got, fmt.Sprintf("%s=%v", u.Name, u.Guarded))
	}
	want := "A=true B=true C=false C=true D=true E=true F=true G=true H=true I=true J=true K=true L=true M=false N=true O=false P=true Q=false R=false T=true U=true V=false W=true X=true S=true"
	if strings.Join(got, " ") != want {
		t.Fatalf("guarded:\n got %s\nwant %s", strings.Join(got, " "), want)
	}
}

// A read passed whole to a function of the project is guarded when the
// function tests that parameter; an imported function's tests are
// published for the project to join.
func TestScanEnvHandoffs(t *testing.T) {
	sf := scan(t, "w.ts", `import { imported } from "./lib";
import * as lib from "./lib";
function tested(kv) { if (!kv) return null; return kv.get("k"); }
function used(kv) { return kv.get("k"); }
const keyed = (o) => o.cache?.get("k");
function withDefault(v = "x") { return v.length; }
export function published(a, { b }, c) { return a ?? (b ? c.x : null); }
export default {
  async fetch(req, env) {
    tested(env.A);
    used(env.B);
    keyed({ cache: env.C });
    withDefault(env.D);
    imported(1, env.E);
    lib.other({ k: env.F });
    used(env.G.H);
    return published(env.I);
  },
};
`)
	var got []string
	for _, u := range sf.EnvUses {
		got = append(got, fmt.Sprintf("%s=%v:%s%s/%d%s", u.Name, u.Guarded, u.Handoff.Module, u.Handoff.Func, u.Handoff.Param.Arg, u.Handoff.Param.Key))
	}
	want := "A=true:tested/0 B=false:used/0 C=true:keyed/0cache D=true:withDefault/0 E=false:./libimported/1 F=false:./libother/0k G=false:/0 I=true:published/0"
	if strings.Join(got, " ") != want {
		t.Errorf("handoffs:\n got %s\nwant %s", strings.Join(got, " "), want)
	}
	if refs := sf.TestedParams["published"]; fmt.Sprint(refs) != "[{0 } {1 b} {2 x}]" { // c.x is handed back to the caller
		t.Errorf("published tests: %v", refs)
	}
}

func TestScanStubGetters(t *testing.T) {
	sf := scan(t, "g.ts", `import { getAgentByName } from "agents";
import { remote } from "./stubs";
export function byName(ns: DurableObjectNamespace, id: string) {
  return ns.get(ns.idFromName(id));
}
export const fresh = async (x: string, ns: DurableObjectNamespace) => {
  const id = ns.newUniqueId();
  return ns.get(id);
};
export function viaSdk(ns: DurableObjectNamespace) { return getAgentByName(ns, "a"); }
export function otherNs(ns: DurableObjectNamespace, env: Env) { return env.X.get(env.X.idFromName("a")); }
function local(ns: DurableObjectNamespace) { return ns.getByName("a"); }
export default {
  async fetch(request: Request, env: Env) {
    await byName(env.A, "x").fetch(request);
    const s = await fresh("x", env.B);
    await s.fetch(request);
    await local(env.C).fetch(request);
    await remote("x", env.D).fetch(request);
    await viaSdk(env.E).fetch(request);
    return (await getAgentByName(env.F, "x")).fetch(request);
  },
};
`)
	var got []string
	for _, name := range source.SortedKeys(sf.StubGetters) {
		g := sf.StubGetters[name]
		got = append(got, fmt.Sprintf("%s(%d)/%s/%s", name, g.Param, g.IDKind, g.Binding))
	}
	// otherNs is given the env and reads its binding X
	if strings.Join(got, " ") != "byName(0)/idFromName/ fresh(1)/newUniqueId/ otherNs(1)/idFromName/X" {
		t.Errorf("getters: %v", got)
	}
	got = nil
	for _, f := range sf.StubFetches {
		got = append(got, fmt.Sprintf("%s/%s/%s.%s#%d@%v", f.Binding, f.IDKind, f.GetterModule, f.GetterName, f.GetterArg, f.Span.StartPos()))
	}
	want := "A/idFromName/.#0@{15 30} B/newUniqueId/.#0@{17 13} C/getByName/.#0@{18 24} D//./stubs.remote#1@{19 30}"
	if strings.Join(got, " ") != want {
		t.Errorf("stub fetches:\n got %v\nwant %s", got, want)
	}
}
