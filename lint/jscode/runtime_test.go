package jscode

import (
	"reflect"
	"strings"
	"testing"
)

func TestScanProcessEnv(t *testing.T) {
	src := `import { env as workerEnv } from "cloudflare:workers";
const base: string = process.env.BASE_URL || "https://x.example";
const key = process.env["API_KEY"];
const { TOKEN, REGION: region } = process.env;
const mode = import.meta.env.MODE;
export default {
  async fetch(req: Request, env: Env, ctx: ExecutionContext) {
    const other = env.OTHER;
    return new Response(base + key + TOKEN + region + mode + other + workerEnv.X);
  },
};
`
	sf := scan(t, "a.ts", src)
	var got []string
	for _, r := range sf.ProcessEnvReads {
		got = append(got, r.Name+"@"+r.Span.String()+"="+r.Span.Text())
	}
	want := []string{"BASE_URL@a.ts:2:34=BASE_URL", `API_KEY@a.ts:3:25="API_KEY"`, "TOKEN@a.ts:4:9=TOKEN", "REGION@a.ts:4:16=REGION"}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("process.env reads:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if sf.ProcessEnvWritten {
		t.Fatal("no write to process.env in this file")
	}
	if len(sf.MetaEnvReads) != 1 || sf.MetaEnvReads[0].Text() != "MODE" {
		t.Fatalf("import.meta.env reads: %v", sf.MetaEnvReads)
	}
}

func TestScanProcessEnvWrites(t *testing.T) {
	for _, src := range []string{
		`export default { fetch(r, env) { process.env.API = env.API; return fetch(r); } };`,
		`export default { fetch(r, env) { Object.assign(process.env, env); return fetch(r); } };`,
		`export default { fetch(r, env) { process.env["API"] = env.API; return fetch(r); } };`,
	} {
		if sf := scan(t, "w.js", src); !sf.ProcessEnvWritten {
			t.Errorf("write not seen in %s", src)
		}
	}
}

func TestScanFetchURLsAndWorkersDev(t *testing.T) {
	src := `const API = "https://api.example.com";
const HEALTH = "https://api.example.com/health";
export default {
  async scheduled(c, env, ctx) {
    await fetch(HEALTH);
    await fetch(` + "`${API}/v1/items?x=1`" + `);
    await fetch(new Request("https://other.example.org:8443/p"));
    await env.SVC.fetch("https://svc.internal/p");
    await globalThis.fetch("https://g.example.net");
    ctx.exports.Foo;
    const ws = "wss://chat.team.workers.dev/agents/x";
  },
};
`
	sf := scan(t, "c.ts", src)
	var got []string
	for _, u := range sf.FetchURLs {
		got = append(got, u.Host+"|"+u.Path+"|"+u.Span.String())
	}
	want := []string{
		"api.example.com|/health|c.ts:2:16",
		"api.example.com|/v1/items|c.ts:6:17", // at the template; the host is the const's
		"other.example.org|/p|c.ts:7:29",
		"g.example.net||c.ts:9:28",
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("fetch URLs:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if len(sf.WorkersDevURLs) != 1 || sf.WorkersDevURLs[0].Host != "chat.team.workers.dev" || sf.WorkersDevURLs[0].Path != "/agents/x" {
		t.Fatalf("workers.dev URLs: %+v", sf.WorkersDevURLs)
	}
	if len(sf.CtxExports) != 1 || sf.CtxExports[0].String() != "c.ts:10:9" {
		t.Fatalf("ctx.exports: %v", sf.CtxExports)
	}
}
