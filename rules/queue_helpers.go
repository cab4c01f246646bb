package rules

import (
	"github.com/wranglint/wranglint/lint"
	"github.com/wranglint/wranglint/lint/wrangler"
)

// queueRole is how a config entry uses a queue.
type queueRole int

const (
	queueProducer queueRole = iota
	queueConsumer
	queueDeadLetter
)

func (r queueRole) String() string {
	return [...]string{"producer", "consumer", "dead_letter_queue"}[r]
}

// queueUse is one queue name a deployment's config writes.
type queueUse struct {
	dep     deployment
	role    queueRole
	name    string
	node    *wrangler.Node // the name's value
	entry   *wrangler.Node // the producer or consumer entry
	binding string         // producers: the binding
}

// queueUses lists every queue name of every deployment, in config order
// (`queues` is not inherited: each environment's own).
func queueUses(p *lint.Pass) []queueUse {
	var out []queueUse
	for _, d := range deployments(p) {
		q := d.Env.Get("queues")
		for _, n := range q.Get("producers").Objects() {
			name, ok := n.GetString("queue")
			binding, _ := n.GetString("binding")
			if ok && !wrangler.IsPlaceholder(name) {
				out = append(out, queueUse{dep: d, role: queueProducer, name: name, node: n.Get("queue"), entry: n, binding: binding})
			}
		}
		for _, n := range q.Get("consumers").Objects() {
			if name, ok := n.GetString("queue"); ok && !wrangler.IsPlaceholder(name) {
				out = append(out, queueUse{dep: d, role: queueConsumer, name: name, node: n.Get("queue"), entry: n})
			}
			if name, ok := n.GetString("dead_letter_queue"); ok && !wrangler.IsPlaceholder(name) {
				out = append(out, queueUse{dep: d, role: queueDeadLetter, name: name, node: n.Get("dead_letter_queue"), entry: n})
			}
		}
	}
	return out
}

// onlyDigitsDiffer: names that differ only in their digits (jobs-v1,
// jobs-v2) are distinct queues on purpose.
func onlyDigitsDiffer(a, b string) bool {
	strip := func(s string) string {
		out := make([]byte, 0, len(s))
		for i := 0; i < len(s); i++ {
			if s[i] < '0' || s[i] > '9' {
				out = append(out, s[i])
			}
		}
		return string(out)
	}
	return strip(a) == strip(b)
}
