package rules

import (
	"strconv"

	"github.com/wranglint/wranglint/lint"
	"github.com/wranglint/wranglint/lint/analyses"
	"github.com/wranglint/wranglint/lint/source"
)

var _ = register(&lint.Rule{
	ID:       "queue-consumer-missing",
	Severity: lint.SeverityWarning,
	Requires: []*lint.Analysis{analyses.Entries},
	Doc: lint.Doc{
		Summary: "a queue the repository's Workers produce to has no consumer in the repository, which consumes its other queues",
		Why: "A queue keeps what is sent to it until a consumer takes it or its retention ends (4 days by default): `send()` succeeds, " +
			"wrangler deploy succeeds, and nothing processes the messages. This is what a dropped or forgotten `queues.consumers` entry " +
			"looks like: the producer still sends, the handler is still there, and the work silently stops. The rule reports a produced " +
			"queue that no Worker of the repository consumes (in any environment) only where the consumers evidently live in the " +
			"repository: it consumes other queues, or the producing Worker has a `queue()` handler itself. A consumer kept in another " +
			"repository, or an HTTP pull consumer configured in the dashboard, is not seen: hence a warning. Names that nearly match a " +
			"consumed queue are queue-name-mismatch's.",
		Bad: `-- wrangler.jsonc --
{
  "name": "events",
  "main": "src/index.ts",
  "compatibility_date": "2025-10-01",
  "queues": {
    "producers": [
      { "binding": "GITHUB_EVENTS", "queue": "github-events" },
      { "binding": "BILLING_EVENTS", "queue": "billing-events" }
    ],
    "consumers": [{ "queue": "billing-events" }]
  }
}
-- src/index.ts --
export default {
  async fetch(request: Request, env: Env) {
    await env.GITHUB_EVENTS.send(await request.json());
    await env.BILLING_EVENTS.send({ at: Date.now() });
    return new Response("queued");
  },
  async queue(batch: MessageBatch) {
    for (const m of batch.messages) m.ack();
  },
};
`,
		Good: `-- wrangler.jsonc --
{
  "name": "events",
  "main": "src/index.ts",
  "compatibility_date": "2025-10-01",
  "queues": {
    "producers": [
      { "binding": "GITHUB_EVENTS", "queue": "github-events" },
      { "binding": "BILLING_EVENTS", "queue": "billing-events" }
    ],
    "consumers": [{ "queue": "billing-events" }, { "queue": "github-events" }]
  }
}
-- src/index.ts --
export default {
  async fetch(request: Request, env: Env) {
    await env.GITHUB_EVENTS.send(await request.json());
    await env.BILLING_EVENTS.send({ at: Date.now() });
    return new Response("queued");
  },
  async queue(batch: MessageBatch) {
    for (const m of batch.messages) m.ack();
  },
};
`,
	},
	Run: runQueueConsumerMissing,
})

func runQueueConsumerMissing(p *lint.Pass) {
	uses := queueUses(p)
	consumed := map[string]bool{}
	for _, u := range uses {
		if u.role == queueConsumer {
			consumed[u.name] = true
		}
	}
	reported := map[string]bool{}
	for _, u := range uses {
		if u.role != queueProducer || consumed[u.name] || reported[u.name] || nearUnpairedConsumer(u.name, uses) != "" {
			continue
		}
		if sendsNothing(p, u) {
			continue // queue-producer-unused's: nothing is sent
		}
		handler := producerHandlesQueues(p, u)
		if len(consumed) == 0 && !handler {
			continue // consumers may live elsewhere: nothing says they are kept here
		}
		reported[u.name] = true
		var related []lint.Related
		for _, other := range uses {
			if other.role == queueProducer && other.name == u.name && other.node != u.node {
				related = append(related, lint.Related{Span: other.node.Span, Note: "also produced by " + other.dep.Label()})
			}
		}
		p.ReportRelated(u.node.Span, u.dep.Env, consumerMissingMessage(u, len(consumed), handler), related)
	}
}

// nearUnpairedConsumer is a consumed queue whose name nearly matches name
// and that no Worker produces to (queue-name-mismatch reports that pair).
func nearUnpairedConsumer(name string, uses []queueUse) string {
	produced := map[string]bool{}
	for _, u := range uses {
		if u.role == queueProducer {
			produced[u.name] = true
		}
	}
	for _, u := range uses {
		if u.role == queueConsumer && !produced[u.name] && nearName(name, u.name) && !onlyDigitsDiffer(name, u.name) {
			return u.name
		}
	}
	return ""
}

// sendsNothing: the producer's main graph is known whole and names the
// binding nowhere.
func sendsNothing(p *lint.Pass, u queueUse) bool {
	mod := u.dep.Worker.Module(u.dep.Env)
	return u.binding != "" && mod != nil && mod.Built && !usesWorkspaceCode(p.Project, mod) &&
		!namesBinding(p.Project.GraphFacts(mod), u.binding)
}

// producerHandlesQueues: the producing deployment's main exports a queue()
// handler.
func producerHandlesQueues(p *lint.Pass, u queueUse) bool {
	en := analyses.EntriesOf(p).For(u.dep.Worker, u.dep.Env)
	if en == nil || en.Default == nil {
		return false
	}
	_, ok := en.Default.Member("queue")
	return ok
}

func consumerMissingMessage(u queueUse, consumers int, handler bool) string {
	where := "the repository's Workers consume " + strconv.Itoa(consumers) + " other queue(s)"
	if handler && consumers == 0 {
		where = "its Worker has a queue() handler that no consumer entry attaches to it"
	}
	return "producer binding " + source.Quote(u.binding) + " of " + u.dep.Label() + " sends to queue " + source.Quote(u.name) +
		", which no Worker of this repository consumes (" + where + "): send() succeeds and the messages wait unread until " +
		"they expire; add { \"queue\": " + source.Quote(u.name) + " } to queues.consumers of the Worker that processes them, " +
		"or remove the producer"
}
