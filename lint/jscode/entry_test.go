package jscode

import (
	"strings"
	"testing"
)

func checkEntry(t *testing.T, name, src, want string) *SourceFacts {
	t.Helper()
	sf := scan(t, name, src)
	got := strings.TrimSpace(dumpEntry(sf))
	want = strings.TrimSpace(strings.ReplaceAll(want, "\t", ""))
	if got != want {
		t.Fatalf("entry facts:\n%s\nwant:\n%s", got, want)
	}
	return sf
}

func TestEntryComposedObject(t *testing.T) {
	sf := checkEntry(t, "a.ts", `import * as Sentry from "@sentry/cloudflare";
import handler from "./api";
import { Hono } from "hono";
const app = new Hono();
export async function scheduled(c: ScheduledController) {}
export default Sentry.withSentry((env) => ({ dsn: env.DSN }), {
  ...handler,
  fetch: app.fetch,
  async queue(batch, env) { await handler.queue(batch, env); },
} satisfies ExportedHandler<Env>);
`, `default=2 scheduled=1
	1: function f1
	2: call Sentry.withSentry=3 [4 9]
	3: import @sentry/cloudflare#withSentry
	4: function f2
	5: object dsn:v=7
	6: object dsn:v=7
	7: member 8.DSN
	8: param 0
	9: object fetch:v=11 queue:m=14 ...[10]
	10: import ./api#default
	11: member 12.fetch
	12: app r1
	13: import ./api#default
	14: function f3
	f1: scheduled(1) router=0 cron=0 returns=[]
	f2: (1) router=0 cron=0 returns=[5]
	f3: queue(2) router=0 cron=0 returns=[] 13.queue
	r1: hono app catchAll=false open=""`)
	if sf.Entry.DefaultAt.Text() != "export default" || sf.Entry.DefaultIdent.Valid() {
		t.Fatalf("default placed at %v, ident %v", sf.Entry.DefaultAt, sf.Entry.DefaultIdent)
	}
	if m := sf.Entry.Value(9).Members[1]; m.Span.Text() != "queue" {
		t.Fatalf("member span %q", m.Span.Text())
	}
}

func TestEntryClasses(t *testing.T) {
	checkEntry(t, "a.ts", `import { WorkerEntrypoint } from "cloudflare:workers";
import { Base } from "@repo/shared";
class Local extends Base<Env> {
  inherited() {}
}
export class Api extends Local {
  static create() {}
  async add(a: number, b: number) { return a + b; }
  arrow = async (x: number) => x;
  get count() { return 1; }
  #secret() {}
}
export default class extends WorkerEntrypoint<Env> {
  fetch() { return new Response("ok"); }
}
export { Api as Renamed };
`, `default=11 Api=1 Renamed=1
	1: class Api extends=2 static create:m=6 add:m=7 arrow:f=8 count:a=10
	2: class Local extends=4 inherited:m=5
	3: class Local extends=4 inherited:m=5
	4: import @repo/shared#Base
	5: function f1
	6: function f2
	7: function f3
	8: function f4
	9: param 0
	10: function f5
	11: class extends=12 fetch:m=15
	12: import cloudflare:workers#WorkerEntrypoint
	13: instance Response=14 []
	14: unknown (the variable Response, whose value is not known here)
	15: function f6
	f1: inherited(0) router=0 cron=0 returns=[]
	f2: create(0) router=0 cron=0 returns=[]
	f3: add(2) router=0 cron=0 returns=[0]
	f4: (1) router=0 cron=0 returns=[9]
	f5: count(0) router=0 cron=0 returns=[0]
	f6: fetch(0) router=0 cron=0 returns=[13]
`)
}
