package rules

import (
	"github.com/wranglint/wranglint/lint"
	"github.com/wranglint/wranglint/lint/source"
)

var _ = register(&lint.Rule{
	ID:       "queue-name-mismatch",
	Severity: lint.SeverityWarning,
	Doc: lint.Doc{
		Summary: "a queue that Workers of the repository produce to (or consume) under a name that nearly matches the queue another Worker consumes (or produces)",
		Why: "Producers and consumers meet only by queue name. A producer writing to `email-queue` while the consumer reads `emails-queue` sends every message to a " +
			"queue no Worker consumes (wrangler only checks that each named queue exists); a misspelt `dead_letter_queue` is created automatically and kept " +
			"unconsumed (\"If you specify a queue name that does not exist as the DLQ, Cloudflare automatically creates that queue\", docs queues/dead-letter-queues). " +
			"The rule compares every producer, consumer and dead-letter name across the repository's Workers and environments and reports a name that has no exact " +
			"counterpart but one that differs in letter case, `-` and `_`, or at most two characters (names that differ only in digits, such as `jobs-v1` and " +
			"`jobs-v2`, are taken as distinct queues).",
		Bad: `-- producer/wrangler.jsonc --
{
  "name": "producer",
  "main": "src/index.ts",
  "compatibility_date": "2025-10-01",
  "queues": { "producers": [{ "binding": "EMAILS", "queue": "email-queue" }] }
}
-- producer/src/index.ts --
export default {
  async fetch(request: Request, env: Env) {
    await env.EMAILS.send({ to: "a@example.com" });
    return new Response("queued");
  },
};
-- consumer/wrangler.jsonc --
{
  "name": "consumer",
  "main": "src/index.ts",
  "compatibility_date": "2025-10-01",
  "queues": { "consumers": [{ "queue": "emails-queue" }] }
}
-- consumer/src/index.ts --
export default {
  async queue(batch: MessageBatch) {
    for (const m of batch.messages) m.ack();
  },
};
`,
		Good: `-- producer/wrangler.jsonc --
{
  "name": "producer",
  "main": "src/index.ts",
  "compatibility_date": "2025-10-01",
  "queues": { "producers": [{ "binding": "EMAILS", "queue": "emails-queue" }] }
}
-- producer/src/index.ts --
export default {
  async fetch(request: Request, env: Env) {
    await env.EMAILS.send({ to: "a@example.com" });
    return new Response("queued");
  },
};
-- consumer/wrangler.jsonc --
{
  "name": "consumer",
  "main": "src/index.ts",
  "compatibility_date": "2025-10-01",
  "queues": { "consumers": [{ "queue": "emails-queue" }] }
}
-- consumer/src/index.ts --
export default {
  async queue(batch: MessageBatch) {
    for (const m of batch.messages) m.ack();
  },
};
`,
		Fix:       "unsafe: the name becomes the one it nearly matches",
		FixSafety: lint.FixUnsafe,
	},
	Run: runQueueNameMismatch,
})

func runQueueNameMismatch(p *lint.Pass) {
	uses := queueUses(p)
	byRole := [3]map[string][]queueUse{{}, {}, {}}
	for _, u := range uses {
		byRole[u.role][u.name] = append(byRole[u.role][u.name], u)
	}
	consumed, produced := byRole[queueConsumer], byRole[queueProducer]
	reported := map[string]bool{}
	// producers first, then dead-letter queues: when both sides of a pair
	// have no counterpart, the sending side is where messages get lost
	ordered := make([]queueUse, 0, len(uses))
	for _, role := range []queueRole{queueProducer, queueDeadLetter, queueConsumer} {
		for _, u := range uses {
			if u.role == role {
				ordered = append(ordered, u)
			}
		}
	}
	for _, u := range ordered {
		var others map[string][]queueUse
		var want string
		switch u.role {
		case queueProducer:
			if len(consumed[u.name]) > 0 {
				continue
			}
			others, want = consumed, "consumes"
		case queueConsumer:
			if len(produced[u.name]) > 0 {
				continue
			}
			others, want = produced, "produces to"
		case queueDeadLetter:
			if len(consumed[u.name]) > 0 || len(produced[u.name]) > 0 {
				continue
			}
			others, want = consumed, "consumes"
		}
		near := ""
		for _, name := range sortedKeys(others) {
			if pairedElsewhere(u.role, name, consumed, produced) {
				continue // a queue with its own producer and consumer is another queue, not a misspelling
			}
			if nearName(u.name, name) && !onlyDigitsDiffer(u.name, name) {
				near = name
				break
			}
		}
		if near == "" {
			continue
		}
		pair := u.name + "\x00" + near
		if u.name > near {
			pair = near + "\x00" + u.name
		}
		if reported[pair] {
			continue
		}
		reported[pair] = true
		other := others[near][0]
		msg := queueMismatchMessage(u, other, near, want)
		fix := &lint.Fix{Description: "name the queue " + source.Quote(near), Applicability: lint.Unsafe,
			Edits: []source.Edit{{File: u.node.Span.File, Start: u.node.Span.Start, End: u.node.Span.End, New: configString(u.node, near)}}}
		p.ReportRelated(u.node.Span, u.dep.Env, msg, []lint.Related{{Span: other.node.Span, Note: "the " + other.role.String() + " of " + other.dep.Label()}}, fix)
	}
}

// pairedElsewhere: the candidate name has both ends in the repository (a
// producer's candidate is consumed and produced, a consumer's produced and
// consumed), so it is a distinct queue (github-events beside gitlab-events).
func pairedElsewhere(role queueRole, name string, consumed, produced map[string][]queueUse) bool {
	switch role {
	case queueProducer:
		return len(produced[name]) > 0
	case queueConsumer:
		return len(consumed[name]) > 0
	}
	return false
}

func queueMismatchMessage(u, other queueUse, near, want string) string {
	switch u.role {
	case queueProducer:
		return "producer binding " + source.Quote(u.binding) + " of " + u.dep.Label() + " sends to queue " + source.Quote(u.name) + ", which no Worker of this repository consumes, but " +
			other.dep.Label() + " consumes " + source.Quote(near) + ": the messages go to a queue nobody reads; did you mean " + source.Quote(near) + "?"
	case queueConsumer:
		return u.dep.Label() + " consumes queue " + source.Quote(u.name) + ", to which no Worker of this repository sends, but " + other.dep.Label() + " sends to " +
			source.Quote(near) + ": the consumer waits for messages that go elsewhere; did you mean " + source.Quote(near) + "?"
	}
	return "dead_letter_queue " + source.Quote(u.name) + " of " + u.dep.Label() + " is a queue no Worker of this repository consumes, but " + other.dep.Label() +
		" consumes " + source.Quote(near) + ": failed messages go to a queue Cloudflare creates on the fly and nobody reads; did you mean " + source.Quote(near) + "?"
}
