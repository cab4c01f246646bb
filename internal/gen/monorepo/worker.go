package monorepo

import (
	"path"
	"strings"
)

// worker is one generated Worker project and its seeded mistake ("" for
// none).
type worker struct {
	name, theme, mistake string
	files                map[string]string // slash paths relative to the Worker folder
}

func newWorker(i int, mistake string) *worker {
	w := &worker{name: workerName(i), theme: themeOf(i), mistake: mistake}
	r := strings.NewReplacer("{{T}}", w.theme, "{{t}}", lower(w.theme), "{{NAME}}", w.name)
	// Every script names its Worker, as real ones differ: no two files of
	// two Workers have the same bytes (which a cache would share).
	own := func(text string) string { return r.Replace("// {{NAME}}\n" + text) }
	w.files = map[string]string{
		"wrangler.jsonc":            r.Replace(w.config()),
		"package.json":              r.Replace(workerPackageJSON),
		"worker-configuration.d.ts": r.Replace(typesFile),
		"src/index.ts":              own(w.main()),
		"src/agents/chat.ts":        own(chatModule),
		"src/agents/scheduler.ts":   own(schedulerModule),
		"src/shared.ts":             own(sharedModule),
		"src/client/app.tsx":        own(w.client()),
		"src/client/main.tsx":       own(clientMain),
		"src/client/history.tsx":    own(clientHistory),
		"vite.config.ts":            own(viteConfig),
		"index.html":                r.Replace(indexHTML),
	}
	return w
}

func (w *worker) dir() string { return "workers/" + w.name }

func (w *worker) write(root string) error {
	files := map[string]string{}
	for rel, text := range w.files {
		files[path.Join(w.dir(), rel)] = text
	}
	return writeFiles(root, files)
}

// seeded says where the Worker's mistake is reported.
func (w *worker) seeded() (Seeded, bool) {
	var file, marker string
	switch w.mistake {
	case "":
		return Seeded{}, false
	case "binding-name-case-mismatch":
		file, marker = "wrangler.jsonc", `"name": "`+w.theme+`Chat"`
	case "unroutable-agent-url":
		file, marker = "src/client/app.tsx", `agent: "`+lower(w.theme)+`-inbox"`
	case "missing-class-export", "missing-migration":
		file, marker = "wrangler.jsonc", `"class_name": "`+w.theme+`Scheduler"`
	case "env-missing-binding":
		file, marker = "wrangler.jsonc", `"durable_objects": { // staging`
	}
	text := w.files[file]
	line := 1 + strings.Count(text[:max(strings.Index(text, marker), 0)], "\n")
	return Seeded{Rule: w.mistake, Worker: w.dir(), File: path.Join(w.dir(), file), Line: line}, true
}

func (w *worker) config() string {
	migrations := `    { "tag": "v1", "new_sqlite_classes": ["{{T}}Chat", "{{T}}Tasks"] },
    // The scheduler came later: a class needs its own migration step.
    { "tag": "v2", "new_sqlite_classes": ["{{T}}Scheduler"] }`
	if w.mistake == "missing-migration" {
		migrations = `    { "tag": "v1", "new_sqlite_classes": ["{{T}}Chat", "{{T}}Tasks"] }`
	}
	staging := stagingBindings
	if w.mistake == "env-missing-binding" {
		staging = strings.Replace(staging, `,
          { "name": "{{T}}Scheduler", "class_name": "{{T}}Scheduler" }`, "", 1)
	}
	return strings.NewReplacer("{{MIGRATIONS}}", migrations, "{{STAGING}}", staging).Replace(configTemplate)
}

func (w *worker) main() string {
	if w.mistake == "missing-class-export" {
		return strings.Replace(mainModule, `export { {{T}}Scheduler } from "./agents/scheduler";`,
			`import { {{T}}Scheduler } from "./agents/scheduler";
export const schedulerName = {{T}}Scheduler.name;`, 1)
	}
	return mainModule
}

func (w *worker) client() string {
	switch w.mistake {
	case "binding-name-case-mismatch":
		// The original bug: a client that lower-cases agent names.
		return strings.Replace(clientApp, `agent: "{{T}}Chat"`, `agent: "{{t}}chat"`, 1)
	case "unroutable-agent-url":
		return strings.Replace(clientApp, `agent: "{{t}}-tasks"`, `agent: "{{t}}-inbox"`, 1)
	}
	return clientApp
}

const configTemplate = `/**
 * {{NAME}}: three Agents (chat, tasks, a scheduler) and the React client
 * that talks to them. Deployed with ` + "`wrangler deploy`" + ` (production) and
 * ` + "`wrangler deploy --env staging`" + `.
 */
{
  "$schema": "../../node_modules/wrangler/config-schema.json",
  "name": "{{NAME}}",
  "main": "src/index.ts",
  "compatibility_date": "2025-10-01",
  // The Agents SDK needs Node.js APIs.
  "compatibility_flags": ["nodejs_compat"],
  "observability": { "enabled": true },
  "vars": { "MODE": "production", "GREETING": "Hello from {{T}}" },
  // One binding per Agent class: the client reaches each at
  // /agents/<kebab-case of the binding name>/<instance>.
  "durable_objects": {
    "bindings": [
      { "name": "{{T}}Chat", "class_name": "{{T}}Chat" },
      { "name": "{{T}}Tasks", "class_name": "{{T}}Tasks" },
      { "name": "{{T}}Scheduler", "class_name": "{{T}}Scheduler" }
    ]
  },
  "migrations": [
{{MIGRATIONS}}
  ],
  "env": {
    "staging": {
      "vars": { "MODE": "staging", "GREETING": "Hello from staging" },
{{STAGING}}
    }
  }
}
`

// stagingBindings: bindings are not inherited, so staging repeats them.
const stagingBindings = `      "durable_objects": { // staging has its own instances
        "bindings": [
          { "name": "{{T}}Chat", "class_name": "{{T}}Chat" },
          { "name": "{{T}}Tasks", "class_name": "{{T}}Tasks" },
          { "name": "{{T}}Scheduler", "class_name": "{{T}}Scheduler" }
        ]
      }`

const mainModule = `// Worker entry: every request under /agents/ goes to an Agent; the rest
// is served by the static assets of the React client.
import { routeAgentRequest } from "agents";
import { logRequest } from "../../../packages/shared/src/format";

export { {{T}}Chat, {{T}}Tasks } from "./agents/chat";
export { {{T}}Scheduler } from "./agents/scheduler";

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    logRequest(request);
    return (await routeAgentRequest(request, env)) ?? new Response("Not found", { status: 404 });
  },
} satisfies ExportedHandler<Env>;
`

const chatModule = `import { Agent, type Connection, type WSMessage } from "agents";
import { formatMessage } from "../../../../packages/shared/src/format";
import { MAX_HISTORY, type ChatState } from "../shared";

/** Keeps a conversation per instance and echoes every message to all clients. */
export class {{T}}Chat extends Agent<Env, ChatState> {
  initialState: ChatState = { messages: [], updatedAt: 0 };

  async onMessage(connection: Connection, message: WSMessage) {
    const text = typeof message === "string" ? message : new TextDecoder().decode(message as ArrayBuffer);
    const messages = [...this.state.messages, formatMessage(connection.id, text)].slice(-MAX_HISTORY);
    this.setState({ messages, updatedAt: Date.now() });
  }

  async onRequest(request: Request): Promise<Response> {
    if (request.method === "DELETE") {
      this.setState({ messages: [], updatedAt: Date.now() });
    }
    return Response.json(this.state);
  }
}

/** Runs long tasks one at a time and reports their progress. */
export class {{T}}Tasks extends Agent<Env, { running: string | null; done: string[] }> {
  initialState = { running: null, done: [] as string[] };

  async onRequest(request: Request): Promise<Response> {
    const { task } = (await request.json()) as { task: string };
    this.setState({ ...this.state, running: task });
    await this.schedule(1, "finish", { task });
    return new Response("accepted", { status: 202 });
  }

  async finish({ task }: { task: string }) {
    this.setState({ running: null, done: [...this.state.done, task] });
  }
}
`

const schedulerModule = `import { Agent, type Schedule } from "agents";

/** Wakes up on a schedule and asks the tasks agent to run the daily job. */
export class {{T}}Scheduler extends Agent<Env> {
  async onStart() {
    const schedules: Schedule[] = this.getSchedules();
    if (schedules.length === 0) {
      await this.schedule("0 6 * * *", "daily");
    }
  }

  async daily() {
    console.log("{{NAME}}: daily job at", new Date().toISOString());
  }
}
`

const sharedModule = `export const MAX_HISTORY = 100;

export const ROOM = "default";

export type ChatState = {
  messages: string[];
  updatedAt: number;
};
`

const clientApp = `import { useCallback, useState } from "react";
import { useAgent } from "agents/react";
import type { ChatState } from "../shared";
import { ROOM } from "../shared";
import { History } from "./history";

export function App() {
  const [messages, setMessages] = useState<string[]>([]);
  const [input, setInput] = useState("");
  const [running, setRunning] = useState<string | null>(null);

  // The chat agent pushes its state to every connected client.
  const chat = useAgent<ChatState>({
    agent: "{{T}}Chat",
    name: ROOM,
    onStateUpdate: (state) => setMessages(state.messages),
  });

  const tasks = useAgent<{ running: string | null; done: string[] }>({
    agent: "{{t}}-tasks",
    onStateUpdate: (state) => setRunning(state.running),
  });

  const send = useCallback(() => {
    if (input.trim() === "") return;
    chat.send(input);
    setInput("");
  }, [chat, input]);

  const start = useCallback(async () => {
    await tasks.fetch({ method: "POST", body: JSON.stringify({ task: "report" }) });
  }, [tasks]);

  return (
    <main className="app">
      <header>
        <h1>{{T}}</h1>
        <button onClick={start} disabled={running !== null}>
          {running ? "Running " + running : "Run report"}
        </button>
      </header>
      <History messages={messages} />
      <form
        onSubmit={(e) => {
          e.preventDefault();
          send();
        }}
      >
        <input value={input} onChange={(e) => setInput(e.target.value)} placeholder="Say something" />
        <button type="submit">Send</button>
      </form>
    </main>
  );
}
`

const clientMain = `import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./app";

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
`

const clientHistory = `export function History({ messages }: { messages: string[] }) {
  if (messages.length === 0) {
    return <p className="empty">No messages yet.</p>;
  }
  return (
    <ul className="history">
      {messages.map((m, i) => (
        <li key={i}>{m}</li>
      ))}
    </ul>
  );
}
`

const typesFile = `// Generated by Wrangler by running ` + "`wrangler types`" + `
interface Env {
	MODE: "production" | "staging";
	GREETING: string;
	{{T}}Chat: DurableObjectNamespace<import("./src/index").{{T}}Chat>;
	{{T}}Tasks: DurableObjectNamespace<import("./src/index").{{T}}Tasks>;
	{{T}}Scheduler: DurableObjectNamespace<import("./src/index").{{T}}Scheduler>;
}
`

const viteConfig = `import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";
import { cloudflare } from "@cloudflare/vite-plugin";

export default defineConfig({
  plugins: [react(), cloudflare()],
});
`

const indexHTML = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="UTF-8" />
    <title>{{T}}</title>
  </head>
  <body>
    <div id="root"></div>
    <script type="module" src="/src/client/main.tsx"></script>
  </body>
</html>
`

const workerPackageJSON = `{
  "name": "{{NAME}}",
  "private": true,
  "type": "module",
  "scripts": {
    "dev": "vite dev",
    "deploy": "vite build && wrangler deploy"
  },
  "dependencies": {
    "@acme/shared": "*",
    "agents": "^0.2.0",
    "react": "^19.1.0",
    "react-dom": "^19.1.0"
  },
  "devDependencies": {
    "@cloudflare/vite-plugin": "^1.13.0",
    "@vitejs/plugin-react": "^5.0.0",
    "vite": "^7.1.0",
    "wrangler": "^4.40.0"
  }
}
`
