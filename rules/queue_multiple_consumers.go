package rules

import (
	"github.com/wranglint/wranglint/lint"
	"github.com/wranglint/wranglint/lint/source"
	"github.com/wranglint/wranglint/lint/wrangler"
)

var _ = register(&lint.Rule{
	ID:       "queue-multiple-consumers",
	Severity: lint.SeverityWarning,
	Doc: lint.Doc{
		Summary: "one queue is consumed by two Workers (or twice by one)",
		Why: "\"A queue can only have one active consumer configured\" (docs queues/reference/how-queues-works), whatever its type. Deploying a second Worker that " +
			"consumes the same queue fails at the consumer step with `workers.api.error.consumer_exists [code: 11004]` (workers-sdk#5347), after that Worker's " +
			"script is already uploaded; whichever deploys first keeps the queue. Environments are separate Workers (`<name>-<env>`): two environments consuming " +
			"one queue collide too, unless they deploy to different accounts: the rule is silent when their `account_id`s differ (or only one sets it); an " +
			"account chosen outside the config (CLOUDFLARE_ACCOUNT_ID) is not seen, hence a warning.",
		Bad: `-- wrangler.jsonc --
{
  "name": "mailer",
  "main": "src/index.ts",
  "compatibility_date": "2025-10-01",
  "queues": { "consumers": [{ "queue": "outbox" }] },
  "env": {
    "staging": {
      "queues": { "consumers": [{ "queue": "outbox" }] }
    }
  }
}
-- src/index.ts --
export default {
  async queue(batch: MessageBatch) {
    for (const m of batch.messages) m.ack();
  },
};
`,
		Good: `-- wrangler.jsonc --
{
  "name": "mailer",
  "main": "src/index.ts",
  "compatibility_date": "2025-10-01",
  "queues": { "consumers": [{ "queue": "outbox" }] },
  "env": {
    "staging": {
      "queues": { "consumers": [{ "queue": "outbox-staging" }] }
    }
  }
}
-- src/index.ts --
export default {
  async queue(batch: MessageBatch) {
    for (const m of batch.messages) m.ack();
  },
};
`,
	},
	Run: runQueueMultipleConsumers,
})

func runQueueMultipleConsumers(p *lint.Pass) {
	first := map[string]queueUse{}
	for _, u := range queueUses(p) {
		if u.role != queueConsumer || wrangler.HasPlaceholder(u.dep.Env.WorkerName()) {
			continue // a template's name: not a deployment
		}
		f, seen := first[u.name]
		if !seen {
			first[u.name] = u
			continue
		}
		if a, b := accountOf(f.dep), accountOf(u.dep); a != b {
			continue // different accounts, or one chosen outside the config: perhaps different queues
		}
		who := "Worker " + source.Quote(u.dep.Env.WorkerName()) + " (" + u.dep.Label() + ")"
		other := "Worker " + source.Quote(f.dep.Env.WorkerName()) + " (" + f.dep.Label() + ") already consumes it"
		if f.dep.Env == u.dep.Env {
			other = "the same deployment lists it twice"
		} else if f.dep.Env.WorkerName() == u.dep.Env.WorkerName() {
			other = f.dep.Label() + ", deployed under the same name, already consumes it"
		}
		p.ReportRelated(u.node.Span, u.dep.Env, who+" consumes queue "+source.Quote(u.name)+", but "+other+": a queue has one consumer, and the second deploy fails "+
			"at its consumer step (\"consumer_exists\", code 11004) after its script is live; give each deployment its own queue",
			[]lint.Related{{Span: f.node.Span, Note: "the first consumer"}})
	}
}

// accountOf is the deployment's account_id when the config sets it.
func accountOf(d deployment) string {
	s, _ := d.Env.Get("account_id").String()
	return s
}
