package analyses

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/wranglint/wranglint/lint"
	"github.com/wranglint/wranglint/lint/project"
)

// loadFiles writes a project to a temporary folder and loads it.
func loadFiles(t *testing.T, files map[string]string) *project.Project {
	t.Helper()
	dir := t.TempDir()
	for rel, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return project.Load(project.LoadOptions{Paths: []string{dir}, WorkDir: dir})
}

const worker = `{ "name": "w", "main": "src/server.ts", "compatibility_date": "2025-10-01",
  "durable_objects": { "bindings": [{ "name": "Chat", "class_name": "Chat" }] },
  "migrations": [{ "tag": "v1", "new_sqlite_classes": ["Chat"] }] }`

const server = `import { Agent, routeAgentRequest } from "agents";
export class Chat extends Agent {}
export default { fetch: async (r: Request, env: unknown) => (await routeAgentRequest(r, env)) ?? new Response(null) };
`

// A wrapper exported by one module that spreads its parameter into the
// client: every call in other modules is judged or listed as skipped.
func TestRefsThroughExportedSpreadWrapper(t *testing.T) {
	p := loadFiles(t, map[string]string{
		"wrangler.jsonc": worker,
		"src/server.ts":  server,
		"src/hooks.ts": `import { useAgent } from "agents/react";
export const useMyAgent = (props: { agent: string }) => useAgent({ ...props });
export function useUncalled(props: object) { return useAgent({ ...props }); }
`,
		"src/app.tsx": `import { useMyAgent } from "./hooks";
export function App({ name, room }: { name: string; room: string }) {
  const a = useMyAgent({ agent: "chat", prefix: "/rooms/" });
  const b = useMyAgent({ agent: name });
  const c = useMyAgent(room);
  const d = useMyAgent({ agent: "chat", prefix: room });
  return [a, b, c, d];
}
`,
	})
	rs := RefsOf(lint.Analyze(p, Refs))
	var refs []string
	for _, r := range rs.Refs {
		refs = append(refs, r.Via+" "+r.Namespace+" prefix="+r.Prefix+" wrapper="+r.Wrapper+" at "+r.Span.String())
	}
	if strings.Join(refs, "\n") != "useAgent chat prefix=rooms wrapper=useMyAgent at src/app.tsx:3:33" {
		t.Errorf("refs:\n%s", strings.Join(refs, "\n"))
	}
	var skipped []string
	for _, s := range rs.Skipped {
		where := "?"
		if s.Span.Valid() {
			where = s.Span.String()
		}
		skipped = append(skipped, where+": "+s.Reason)
	}
	sort.Strings(skipped)
	want := []string{
		"?: its agent is computed at run time where useMyAgent() is called",
		"src/app.tsx:4:26: its agent is computed at run time where useMyAgent() is called",
		"src/app.tsx:6:26: its prefix is computed at run time where useMyAgent() is called",
		"src/hooks.ts:3:53: its value is a parameter of the exported useUncalled(), which no scanned module calls with a known value",
	}
	if strings.Join(skipped, "\n") != strings.Join(want, "\n") {
		t.Errorf("skipped:\n%s\nwant:\n%s", strings.Join(skipped, "\n"), strings.Join(want, "\n"))
	}
}

// A helper re-exported by another module is followed; what it returns is
// judged with the call's arguments, at the literal that names the agent.
func TestRefsThroughImportedHelper(t *testing.T) {
	p := loadFiles(t, map[string]string{
		"wrangler.jsonc": worker,
		"src/server.ts":  server,
		"src/lib/urls.ts": `import { PREFIX } from "./prefix";
export const chatUrl = (room: string) => PREFIX + "/chat/" + room;
export function named({ agent }: { agent: string }, room = "lobby") { return ` + "`/agents/${agent}/${room}`" + `; }
export function notHelper(x: string) { return x; }
`,
		"src/lib/prefix.ts": `export const PREFIX = "/agents";`,
		"src/lib/index.ts":  `export * from "./urls";`,
		"src/app.ts": `import { chatUrl, named, notHelper } from "./lib";
export function open(room: string) {
  fetch(chatUrl(room));
  fetch(named({ agent: "chat-bot" }));
  return fetch(notHelper("/elsewhere"));
}
`,
		"src/hook.ts": `import { useAgent } from "agents/react";
import { notHelper } from "./lib";
export const useIt = () => useAgent({ agent: notHelper("chat") });
`,
	})
	rs := RefsOf(lint.Analyze(p, Refs))
	var refs []string
	for _, r := range rs.Refs {
		site := "-"
		if r.Site.Valid() {
			site = r.Site.String()
		}
		refs = append(refs, r.Value+" at "+r.Span.String()+" site "+site)
	}
	want := []string{
		"/agents/chat/${…} at src/lib/urls.ts:2:51 site src/app.ts:3:3",
		"/agents/chat-bot/${…} at src/app.ts:4:24 site -", // a default is not filled across modules; the call is on the same line
	}
	if strings.Join(refs, "\n") != strings.Join(want, "\n") {
		t.Errorf("refs:\n%s\nwant:\n%s", strings.Join(refs, "\n"), strings.Join(want, "\n"))
	}
	// A URL no helper builds is no skipped client call; a client's name
	// that an imported function (no helper) returns is one.
	if len(rs.Skipped) != 1 || rs.Skipped[0].Reason != "its agent is what an imported function returns, which wranglint cannot follow" {
		t.Errorf("skipped: %+v", rs.Skipped)
	}
}
