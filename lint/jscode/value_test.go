package jscode

import (
	"fmt"
	"strings"
	"testing"
)

// Values behind one level of indirection are judged like literals, at
// the literal's own place.
func TestScanIndirectValues(t *testing.T) {
	sf := scan(t, "a.tsx", `import { useAgent } from "agents/react";
import { AgentClient } from "agents/client";
import { AGENT } from "./names";
useAgent({ agent: AGENT });
export function one(id: string) { const url = `+"`/agents/chatagent/${id}`"+`; return fetch(url); }
const url2 = "/agents/coderagent/default"; export const smoke = (base: string) => fetch(base + url2);
export const c = (host: string, opts: object) => new AgentClient({ agent: "chatagent", host, ...opts });
const useNamed = (agent: string) => useAgent({ agent }); export function App() { useNamed("chatagent"); }
export function connect(name: string) { return useAgent({ agent: name.toLowerCase() }); } connect("ChatAgent");
export function d(agentId?: string) { return useAgent({ agent: agentId || "CoderAgent" }); }
const o = { agent: "viaconst" }; useAgent({ ...o });
useAgent({ agent: cond ? "yes-a" : "yes-b" });
`)
	var got []string
	for _, r := range sf.Refs {
		got = append(got, fmt.Sprintf("%s %q direct=%v transformed=%v %s", r.Via, r.Value, r.Direct, r.Transformed, r.Span))
	}
	want := []string{
		`URL literal "/agents/chatagent/${…}" direct=false transformed=false a.tsx:5:47`,
		`URL literal "${…}/agents/coderagent/default" direct=false transformed=false a.tsx:6:14`,
		`new AgentClient "chatagent" direct=true transformed=false a.tsx:7:75`,
		`useAgent "CoderAgent" direct=true transformed=false a.tsx:10:75`,
		`useAgent "viaconst" direct=false transformed=false a.tsx:11:20`,
		`useAgent "yes-a" direct=true transformed=false a.tsx:12:26`,
		`useAgent "yes-b" direct=true transformed=false a.tsx:12:36`,
		`useAgent "chatagent" direct=true transformed=false a.tsx:8:91`,
		`useAgent "chatagent" direct=false transformed=true a.tsx:9:99`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("refs:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if len(sf.Templates) != 1 || sf.Templates[0].Value.Pieces[0].Kind != PieceImport || sf.Templates[0].Value.Pieces[0].Name != "AGENT" {
		t.Errorf("the imported constant waits for its module: %+v", sf.Templates)
	}
	var wrappers []string
	for _, w := range sf.Wrappers {
		wrappers = append(wrappers, w.Local+"="+strings.Join(w.Exported, ","))
	}
	if strings.Join(wrappers, " ") != "connect=connect d=d" && strings.Join(wrappers, " ") != "d=d connect=connect" {
		t.Errorf("exported wrappers: %v", wrappers)
	}
}

func TestFillAndTransforms(t *testing.T) {
	tmpl := Template{Kind: RefAgentClient, Via: "useAgent", Option: "agent",
		Value: Value{Pieces: []Piece{{Kind: PieceParam, Param: 0, Key: "agentId", Transforms: []Transform{{Op: "lower"}, {Op: "replaceAll", From: "-", To: "_"}}}}}}
	args := []Arg{{Props: map[string][]Value{"agentId": {{Pieces: []Piece{{Kind: PieceText, Text: "Coder-Agent", Exact: true, Direct: true}}}}}}}
	filled := tmpl.Fill(args)
	if len(filled) != 1 || filled[0].Value.Text() != "coder_agent" || filled[0].Value.Pieces[0].Exact {
		t.Fatalf("filled: %+v", filled)
	}
	if got := tmpl.Fill([]Arg{{Values: nil}}); len(got) != 0 {
		t.Errorf("a missing argument fills nothing: %+v", got)
	}
	for in, want := range map[Transform]string{{Op: "upper"}: "AB-C", {Op: "replace", From: "b", To: "x"}: "ax-c"} {
		if got := in.Apply("ab-c"); got != want {
			t.Errorf("%+v: %q", in, got)
		}
	}
}
