package jscode

import (
	"fmt"
	"strings"
	"testing"
)

func cronLines(sf *SourceFacts) []string {
	var out []string
	for _, c := range sf.CronDispatches {
		line := fmt.Sprintf("exhaustive=%v partial=%v", c.Exhaustive, c.Partial)
		for _, cs := range c.Cases {
			for _, v := range cs.Values {
				line += fmt.Sprintf(" %q", v.Text())
			}
		}
		out = append(out, line)
	}
	return out
}

func TestCronDispatch(t *testing.T) {
	sf := scan(t, "a.ts", `import { NEON } from "./consts";
const DAILY = "0 0 * * *";
export default {
  async scheduled(controller: ScheduledController, env: Env) {
    switch (controller.cron) {
      case "*/5 * * * *": await a(); break;
      case DAILY: await b(); break;
      default: console.warn("unknown cron");
    }
  },
};
export async function guard(event) {
  const { cron } = event;
  console.log("tick", cron);
  if (cron === "1 * * * *" || cron === "2 * * * *") { await a(); return; }
  if (event?.cron !== NEON) return { skipped: true };
  await b();
}
export async function common(controller) {
  await refreshAll();
  if (controller.cron === "0 1 * * *") await c();
}
export async function nested(controller) {
  if (ready) { if (controller.cron === "0 2 * * *") await d(); }
  else if (controller.cron === "0 3 * * *") await e();
}
export async function withDefault(controller) {
  switch (controller.cron) {
    case "0 4 * * *": return f();
    default: await everything();
  }
}
`)
	got := strings.Join(cronLines(sf), "\n")
	want := strings.Join([]string{
		`exhaustive=true partial=false "*/5 * * * *" "0 0 * * *"`,
		`exhaustive=true partial=false "1 * * * *" "2 * * * *" "${…}"`,
		`exhaustive=false partial=false "0 1 * * *"`,
		`exhaustive=false partial=true`,
		`exhaustive=false partial=false "0 4 * * *"`,
	}, "\n")
	if got != want {
		t.Fatalf("cron dispatches:\n%s\nwant:\n%s", got, want)
	}
	if span := sf.CronDispatches[0].Cases[0].Span; span.Text() != `"*/5 * * * *"` {
		t.Fatalf("case span %q", span.Text())
	}
	if imp := sf.CronDispatches[1].Cases[2].Values[0].Pieces[0]; imp.Kind != PieceImport || imp.Module != "./consts" || imp.Name != "NEON" {
		t.Fatalf("imported case %+v", imp)
	}
}

func TestBindingCalls(t *testing.T) {
	sf := scan(t, "a.ts", `import { WorkerEntrypoint } from "cloudflare:workers";
const BASE = "https://auth/internal/check";
export default {
  async fetch(request: Request, env: Env) {
    await env.AUTH.verify(token);
    const { QUEUE: q, DB } = env;
    await q.send({ a: 1 });
    const svc = env.SVC;
    await svc.fetch("https://svc/api/users?x=1");
    await env["SVC"].fetch(new Request("https://svc/api/items", { method: "post" }));
    await env.SVC.fetch(BASE, { headers: {} });
    await env.SVC.fetch(request);
    return DB.prepare("select 1").run();
  },
};
export class Api extends WorkerEntrypoint<Env> {
  run() { return this.env.Q.sendBatch([]); }
}
`)
	var got []string
	for _, c := range sf.BindingCalls {
		line := fmt.Sprintf("%s.%s(%d)", c.Binding, c.Method, c.Args)
		for _, v := range c.URL {
			line += fmt.Sprintf(" %s %s", c.HTTPMethod, v.Text())
		}
		got = append(got, line)
	}
	want := []string{"AUTH.verify(1)", "QUEUE.send(1)", "SVC.fetch(1) GET https://svc/api/users?x=1",
		"SVC.fetch(1) POST https://svc/api/items", "SVC.fetch(2) GET https://auth/internal/check", "SVC.fetch(1)", "DB.prepare(1)", "Q.sendBatch(1)"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("binding calls:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if sf.BindingCalls[0].Span.Text() != "verify" {
		t.Fatalf("span %q", sf.BindingCalls[0].Span.Text())
	}
}
