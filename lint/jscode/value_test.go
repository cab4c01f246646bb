package jscode

import (
	"fmt"
	"strings"
	"testing"

	"github.com/wranglint/wranglint/lint/source"
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
	// c spreads its opts parameter after the agent: a caller may set it.
	if strings.Join(wrappers, " ") != "c=c connect=connect d=d" {
		t.Errorf("exported wrappers: %v", wrappers)
	}
}

func TestFillAndTransforms(t *testing.T) {
	tmpl := Template{Kind: RefAgentClient, Via: "useAgent", Option: "agent",
		Value: Value{Pieces: []Piece{{Kind: PieceParam, Param: 0, Key: "agentId", Transforms: []Transform{{Op: "lower"}, {Op: "replaceAll", From: "-", To: "_"}}}}}}
	args := []Arg{{Props: map[string][]Value{"agentId": {{Pieces: []Piece{{Kind: PieceText, Text: "Coder-Agent", Exact: true, Direct: true}}}}}}}
	filled, _ := tmpl.Fill(args)
	if len(filled) != 1 || filled[0].Value.Text() != "coder_agent" || filled[0].Value.Pieces[0].Exact {
		t.Fatalf("filled: %+v", filled)
	}
	if got, _ := tmpl.Fill([]Arg{{Values: nil}}); len(got) != 0 {
		t.Errorf("a missing argument fills nothing: %+v", got)
	}
	for in, want := range map[Transform]string{{Op: "upper"}: "AB-C", {Op: "replace", From: "b", To: "x"}: "ax-c"} {
		if got := in.Apply("ab-c"); got != want {
			t.Errorf("%+v: %q", in, got)
		}
	}
}

// A wrapper that spreads its parameter into the client's options takes
// the caller's object: its agent, prefix, host and basePath, unless the
// wrapper writes them after the spread.
func TestScanParamSpread(t *testing.T) {
	sf := scan(t, "s.tsx", `import { useAgent } from "agents/react";
function useMine(props) { return useAgent({ ...props }); }
const useNamed = (props, name) => useAgent({ ...props, name });
function useWhole(options) { return useAgent(options); }
function useFixed(props) { return useAgent({ ...props, agent: "fixed", prefix: "fixed-prefix" }); }
export function App({ id }) {
  useMine({ agent: "one", prefix: "/api/", host: "https://A.example.com" });
  useNamed({ agent: "two" }, id);
  useWhole({ agent: "three", basePath: "custom" });
  useMine({ agent: id });
  useMine(id);
  useMine({ agent: "four", prefix: id });
  useFixed({ agent: "ignored", prefix: "ignored" });
  return useMine;
}
export function useOuter(name) { return useMine({ agent: name }); }
`)
	var got []string
	for _, r := range sf.Refs {
		got = append(got, fmt.Sprintf("%s|%s|%s @%v", r.Value, r.Prefix, r.Host, r.Span.StartPos()))
	}
	want := []string{"fixed|fixed-prefix| @{5 63}", "one|api|a.example.com @{7 20}", "two|| @{8 21}"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("refs:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	got = nil
	for _, s := range sf.Skipped {
		where := "?" // a second call of a name in one scope has no place of its own (see useSite)
		if s.Span.Valid() {
			where = fmt.Sprint(s.Span.StartPos().Line)
		}
		got = append(got, where+": "+s.Reason)
	}
	want = []string{
		"10: its agent is a parameter of the function calling useMine(): wranglint follows one level of wrapper",
		"?: its agent is computed at run time where useMine() is called",
		"12: its prefix is computed at run time where useMine() is called",
		"16: its agent is a parameter of the function calling useMine(): wranglint follows one level of wrapper",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("skipped:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// An exported wrapper keeps the parameters that set its options for the
// project to fill; a spread written before the wrapper's own agent lets
// the caller override it, and the wrapper's agent still ships by default.
func TestScanParamSpreadExported(t *testing.T) {
	sf := scan(t, "e.ts", `import { AgentClient } from "agents/client";
export const open = (opts) => new AgentClient({ agent: "default-agent", ...opts });
`)
	if len(sf.Refs) != 1 || sf.Refs[0].Value != "default-agent" {
		t.Fatalf("refs: %+v", sf.Refs)
	}
	if len(sf.Wrappers) != 1 {
		t.Fatalf("wrappers: %+v", sf.Wrappers)
	}
	w := sf.Wrappers[0].Template
	if w.PrefixFrom == nil || w.PrefixFrom.Key != "prefix" || w.BasePathFrom == nil || w.HostFrom == nil {
		t.Fatalf("option parameters: %+v", w)
	}
	text := func(s string) []Value { return []Value{{Pieces: []Piece{{Kind: PieceText, Text: s}}}} }
	filled, unknown := w.Fill([]Arg{{Props: map[string][]Value{"agent": text("x"), "prefix": text("rooms")}}})
	if unknown != "" || len(filled) != 1 || filled[0].Prefix != "rooms" || filled[0].Value.Text() != "x" || filled[0].Open() {
		t.Errorf("filled: %q %+v", unknown, filled)
	}
	if filled, _ := w.Fill([]Arg{{Props: map[string][]Value{"agent": text("x"), "basePath": text("p")}}}); len(filled) != 0 {
		t.Errorf("a basePath takes the client out of the routing: %+v", filled)
	}
	if _, unknown := w.Fill([]Arg{{Props: map[string][]Value{"agent": text("x"), "prefix": hole(source.Span{})}}}); unknown != "prefix" {
		t.Errorf("a computed prefix is reported: %q", unknown)
	}
}

// A key of a const object is a value: written here, or another module's
// (waiting for it as "NAMES.chat"); an exported const object records its
// keys for the modules that import it.
func TestScanConstObjectMembers(t *testing.T) {
	sf := scan(t, "a.tsx", `import { useAgent } from "agents/react";
import { NAMES } from "./names";
import * as ns from "./names";
const LOCAL = { chat: "Chats", other: 1 };
useAgent({ agent: LOCAL.chat });
useAgent({ agent: LOCAL["chat"] });
useAgent({ agent: NAMES.coder });
useAgent({ agent: ns.AGENT });
export const AGENT_NAMES = { chat: "ChatAgent", deep: { x: "y" } };
`)
	var got []string
	for _, r := range sf.Refs {
		got = append(got, fmt.Sprintf("%q direct=%v %s", r.Value, r.Direct, r.Span))
	}
	want := []string{`"Chats" direct=false a.tsx:4:23`} // one literal, one reference
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("refs:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	var imported []string
	for _, tm := range sf.Templates {
		p := tm.Value.Pieces[0]
		imported = append(imported, p.Module+" "+p.Name)
	}
	if strings.Join(imported, ",") != "./names NAMES.coder,./names AGENT" {
		t.Errorf("imported members: %v", imported)
	}
	if vs := sf.ExportedValues["AGENT_NAMES.chat"]; len(vs) != 1 || vs[0].Text() != "ChatAgent" {
		t.Errorf("exported member: %+v", sf.ExportedValues)
	}
	if _, ok := sf.ExportedValues["AGENT_NAMES.deep"]; ok {
		t.Errorf("a nested object is no string value: %+v", sf.ExportedValues["AGENT_NAMES.deep"])
	}
}

// A React state variable stands for its initial value: the first render
// connects with it.
func TestScanReactStateInitial(t *testing.T) {
	sf := scan(t, "a.tsx", `import { useAgent } from "agents/react";
import React, { useState } from "react";
import { useState as notReact } from "./mine";
const [a] = useState("alpha");
const [b] = React.useState(() => saved || "beta");
const [c] = useState(null);
const [d] = notReact("delta");
useAgent({ agent: a });
useAgent({ agent: b });
useAgent({ agent: c });
useAgent({ agent: d });
`)
	var got []string
	for _, r := range sf.Refs {
		got = append(got, fmt.Sprintf("%q direct=%v", r.Value, r.Direct))
	}
	if want := `"alpha" direct=false,"beta" direct=false`; strings.Join(got, ",") != want {
		t.Errorf("refs: %s, want %s", strings.Join(got, ","), want)
	}
}
