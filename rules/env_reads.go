package rules

import (
	"sort"
	"strings"

	"github.com/wranglint/wranglint/lint/jscode"
	"github.com/wranglint/wranglint/lint/project"
	"github.com/wranglint/wranglint/lint/sdk"
	"github.com/wranglint/wranglint/lint/source"
	"github.com/wranglint/wranglint/lint/wrangler"
)

// What a Worker's code reads on env, against what each environment binds
// (contract 11): shared by env-read-unbound and env-read-sibling-binding.

// envReads maps each name an environment's code reads on env to the
// places it is read, in path order.
func envReads(pr *project.Project, w *project.Worker, e *wrangler.Env) map[string][]jscode.EnvUse {
	out := map[string][]jscode.EnvUse{}
	for _, sf := range graphFacts(pr, w, e) {
		if project.IsTestFile(sf.File.Path) {
			continue
		}
		for _, u := range bindingReads(sf) {
			if !u.Guarded && pr.HandoffTested(sf.File.Path, u.Handoff) {
				u.Guarded = true // passed to a function of another module that tests it
			}
			out[u.Name] = append(out[u.Name], u)
		}
	}
	return out
}

// readers are the Workers whose code env reads are checked: deployed
// Workers with a module graph, not Pages projects.
func readers(pr *project.Project) []*project.Worker {
	var out []*project.Worker
	for _, w := range pr.Workers {
		if !w.TestHarness && !w.RoutingOnly && !isPages(w) && w.BindingsElsewhere == "" { // Alchemy may bind what the config lacks
			out = append(out, w)
		}
	}
	return out
}

// maySecret says whether a name bound as a var in one environment may be
// a secret in another (set with `wrangler secret put --env`, which no
// config shows): listed in secrets.required anywhere in the config, named
// like a credential, given a placeholder or a credential as its value, or
// known as a secret to the project (.dev.vars, docs: Worker.SecretNames).
func maySecret(w *project.Worker, b wrangler.Binding) bool {
	c := w.Config
	if b.Kind == "secrets" {
		return true
	}
	if b.Kind != "vars" {
		return false
	}
	if _, ok := w.SecretNames[b.Name]; ok {
		return true // .dev.vars, .env or docs say `wrangler secret put NAME`
	}
	if varsOutOfBand(w, b.Name) {
		return true
	}
	for _, e := range c.Envs {
		for _, s := range e.Own("secrets").Get("required").Strings() {
			if s.Str == b.Name {
				return true
			}
		}
	}
	if credentialName(b.Name) || wrangler.SecretReason(b.Name, b.Node) != "" {
		return true
	}
	v, ok := b.Node.String()
	return ok && placeholderText(v)
}

// placeholderWords mark a value written to be replaced (at deploy time with
// --var, or by hand): "OVERRIDDEN_DURING_DEPLOYMENT", "<your-key>",
// "REPLACE_ME", "${TOKEN}".
var placeholderWords = []string{"placeholder", "overrid", "replace", "changeme", "change-me", "change_me", "todo",
	"fill-in", "fill_in", "your-", "your_", "xxx", "redacted", "set-by", "set_by", "set-at", "set_at", "injected"}

func placeholderText(v string) bool {
	v = strings.ToLower(strings.TrimSpace(v))
	if v == "" || strings.HasPrefix(v, "<") || strings.HasPrefix(v, "${") || strings.HasPrefix(v, "{{") {
		return true
	}
	for _, w := range placeholderWords {
		if strings.Contains(v, w) {
			return true
		}
	}
	return false
}

// credentialWords are the words of a name that say it holds a credential.
var credentialWords = map[string]bool{"SECRET": true, "SECRETS": true, "TOKEN": true, "TOKENS": true, "PASSWORD": true,
	"PASSWD": true, "PWD": true, "KEY": true, "KEYS": true, "APIKEY": true, "CREDENTIAL": true, "CREDENTIALS": true,
	"PRIVATE": true, "DSN": true, "SALT": true, "AUTH": true}

// credentialName: OPENAI_API_KEY, JWT_SECRET, CLIENT_ID, DATABASE_URL,
// sentryDsn, ...
func credentialName(name string) bool {
	words := nameWords(name)
	for i, w := range words {
		if credentialWords[w] {
			return true
		}
		if i > 0 {
			pair := words[i-1] + "_" + w
			if pair == "CLIENT_ID" || pair == "DATABASE_URL" || pair == "DB_URL" || pair == "CONNECTION_STRING" {
				return true
			}
		}
	}
	return false
}

// nameWords splits a name at _, -, . and lower-to-upper changes, upper-cased.
func nameWords(name string) []string {
	var words []string
	var cur strings.Builder
	prevLower := false
	for _, r := range name {
		switch {
		case r == '_' || r == '-' || r == '.':
			if cur.Len() > 0 {
				words = append(words, strings.ToUpper(cur.String()))
				cur.Reset()
			}
			prevLower = false
			continue
		case r >= 'A' && r <= 'Z' && prevLower:
			words = append(words, strings.ToUpper(cur.String()))
			cur.Reset()
		}
		cur.WriteRune(r)
		prevLower = r >= 'a' && r <= 'z'
	}
	if cur.Len() > 0 {
		words = append(words, strings.ToUpper(cur.String()))
	}
	return words
}

// nearBinding finds a bound name that a read name near-misses: equal but for
// letter case or - and _, or (for longer names) one or two letters off.
func nearBinding(read string, bound map[string]wrangler.Binding) (wrangler.Binding, bool) {
	var names []string
	for n := range bound {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		if n == read {
			continue
		}
		if strings.EqualFold(n, read) || sdk.Loose(strings.ToLower(n)) == sdk.Loose(strings.ToLower(read)) {
			return bound[n], true
		}
	}
	for _, n := range names {
		if n == read {
			continue
		}
		d := source.EditDistance(n, read)
		if d == 1 && min(len(n), len(read)) >= 6 || d == 2 && min(len(n), len(read)) >= 12 {
			return bound[n], true
		}
	}
	return wrangler.Binding{}, false
}

// describeBinding names a binding for messages: `vars "MODE"`,
// `kv_namespaces binding "CACHE"`.
func describeBinding(b wrangler.Binding) string {
	switch b.Kind {
	case "vars":
		return "var " + source.Quote(b.Name)
	case "secrets":
		return "secret " + source.Quote(b.Name)
	}
	return b.Kind + " binding " + source.Quote(b.Name)
}

// unreadNames keeps the names the environment's code does not read on env:
// where the code reads a missing name, env-read-unbound reports it (an
// error at the read and the environment), so a drift warning about the
// same name would repeat it.
func unreadNames(pr *project.Project, w *project.Worker, e *wrangler.Env, names []string) []string {
	reads := envReads(pr, w, e)
	var out []string
	for _, n := range names {
		if len(reads[n]) == 0 {
			out = append(out, n)
		}
	}
	return out
}

// varsOutOfBand: the Worker's config says its vars may be set outside it:
// keep_vars (vars set in the dashboard survive deploys), or a comment that
// lists the name as a var (`# admin = ""  # set in the dashboard`).
func varsOutOfBand(w *project.Worker, name string) bool {
	for _, e := range w.Config.Envs {
		if e.Get("keep_vars").Truthy() {
			return true
		}
	}
	return w.Config.CommentedKey(name)
}
