package jscode

import (
	"fmt"
	"strings"
	"testing"
)

// A call of a local helper is evaluated with the call's arguments in
// place of its parameters, one level deep.
func TestScanLocalURLHelpers(t *testing.T) {
	sf := scan(t, "h.ts", `const base = (id = "fallback") => "/agents/chat/" + id;
export function App({ id }) {
  const room = (x) => "/agents/" + id + "/" + x; // id is App's, x the helper's
  fetch(base("one"));
  fetch(base());
  fetch(opts({ agent: "two" }));
  fetch(room("r"));
  fetch(nested("three"));
  fetch(later("four"));
  fetch(asyncUrl("five"));
}
function opts(o) { return `+"`/agents/${o.agent}/default`"+`; }
function nested(x) { return base(x); }
function later(name) { const prefix = "/agents/"; if (!name) throw new Error(); return prefix + name + "/x"; }
async function asyncUrl(x) { return "/agents/" + x + "/y"; }
`)
	var got []string
	for _, r := range sf.Refs {
		got = append(got, fmt.Sprintf("%s direct=%v @%v", r.Value, r.Direct, r.Span.StartPos()))
	}
	want := []string{
		"/agents/chat/one direct=false @{1 35}",
		"/agents/chat/fallback direct=false @{1 35}",
		"/agents/two/default direct=false @{6 23}", // the helper's text serves every call
		"/agents/four/x direct=false @{9 15}",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("refs:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// Exported helpers are kept for other modules in terms of their
// parameters; a call of an imported function is followed only where a
// URL or a client's options are evaluated.
func TestScanExportedHelpersAndImportedCalls(t *testing.T) {
	sf := scan(t, "e.ts", `import { agentUrl, name } from "./urls";
import { useAgent } from "agents/react";
export const wsUrl = (host: string, id = "x") => `+"`wss://${host}/agents/chat/${id}`"+`;
export function plain(n: number) { return n + 1; }
export function label(x: string) { return "agent: " + x; }
export async function later(x: string) { return "/agents/" + x; }
export const CONST = agentUrl("not-followed");
export function run(id: string) {
  fetch(agentUrl(id));
  useAgent({ agent: name("chat") });
}
`)
	var helpers []string
	for _, name := range []string{"wsUrl", "plain", "label", "later"} {
		if vs, ok := sf.Helpers[name]; ok {
			helpers = append(helpers, name+"="+vs[0].Text())
		}
	}
	if strings.Join(helpers, " ") != "wsUrl=wss://${…}/agents/chat/${…} label=agent: ${…}" {
		t.Errorf("helpers: %v", helpers)
	}
	if _, ok := sf.ExportedValues["CONST"]; ok {
		t.Errorf("an exported const is not a place where calls are followed: %+v", sf.ExportedValues["CONST"])
	}
	var tmpls []string
	for _, tm := range sf.Templates {
		p := tm.Value.Pieces[0]
		tmpls = append(tmpls, fmt.Sprintf("%s %s#%s call=%v args=%d", tm.Via, p.Module, p.Name, p.Call, len(p.Args)))
	}
	if strings.Join(tmpls, "\n") != "URL literal ./urls#agentUrl call=true args=1\nuseAgent ./urls#name call=true args=1" {
		t.Errorf("templates:\n%s", strings.Join(tmpls, "\n"))
	}
}
