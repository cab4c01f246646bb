package wrangler

import "strings"

// Documented omissions: a config whose comments say that an environment
// leaves a binding out on purpose ("WEB_SERVICE_KEY is deliberately
// unbound", "Vectorize and the discovery service are intentionally
// omitted", "staging has no ratelimit bindings") tells the reader what the
// code already knows. The comments are the user's own words about their
// config, read like a suppression, never as code.

// Comment is one comment of a config file.
type Comment struct {
	Start, End int    // byte offsets in the file, delimiters included
	Text       string // the comment without its delimiters
}

// Comments lists the config's comments (// and /* */ in JSON and JSONC,
// # in TOML), in file order. Text inside strings is not a comment.
func (c *Config) Comments() []Comment {
	c.commentsOnce.Do(func() {
		if c.Format == "toml" {
			c.comments = tomlComments(c.File.Data)
		} else {
			c.comments = jsonComments(c.File.Data)
		}
	})
	return c.comments
}

func jsonComments(d []byte) []Comment {
	var out []Comment
	for i := 0; i < len(d); i++ {
		switch {
		case d[i] == '"':
			for i++; i < len(d) && d[i] != '"' && d[i] != '\n'; i++ {
				if d[i] == '\\' {
					i++
				}
			}
		case d[i] == '/' && i+1 < len(d) && d[i+1] == '/':
			end := commentEnd(d, i, "\n")
			out = append(out, Comment{Start: i, End: end, Text: string(d[i+2 : end])})
			i = end
		case d[i] == '/' && i+1 < len(d) && d[i+1] == '*':
			end := commentEnd(d, i+2, "*/")
			text := string(d[i+2 : end])
			if end < len(d) {
				end += 2
			}
			out = append(out, Comment{Start: i, End: end, Text: text})
			i = end - 1
		}
	}
	return out
}

func tomlComments(d []byte) []Comment {
	var out []Comment
	for i := 0; i < len(d); i++ {
		switch d[i] {
		case '"', '\'':
			q := d[i]
			if i+2 < len(d) && d[i+1] == q && d[i+2] == q { // a multi-line string
				end := commentEnd(d, i+3, string([]byte{q, q, q}))
				i = min(end+2, len(d))
				continue
			}
			for i++; i < len(d) && d[i] != q && d[i] != '\n'; i++ {
				if d[i] == '\\' && q == '"' {
					i++
				}
			}
		case '#':
			end := commentEnd(d, i, "\n")
			out = append(out, Comment{Start: i, End: end, Text: string(d[i+1 : end])})
			i = end
		}
	}
	return out
}

// commentEnd is the offset of sep at or after from, or len(d).
func commentEnd(d []byte, from int, sep string) int {
	if from >= len(d) {
		return len(d)
	}
	if j := strings.Index(string(d[from:]), sep); j >= 0 {
		return from + j
	}
	return len(d)
}

// omissionWords say that something is left out on purpose or may be
// absent.
var omissionWords = []string{
	"omit", "left out", "leave out", "leaves out", "unbound", "not bound", "isn't bound", "no binding", "not inherit",
	"doesn't inherit", "don't inherit", "deliberately", "intentionally", "on purpose", "optional", "absent", "absence",
	"no-op", "noop", "inert", "degrade", "fail-open", "fail open", "skipped", "not configured", "not set", "unset",
	"has no", "have no", "disabled", "not available", "unavailable", "not provisioned",
}

// kindWords are how comments name a kind of binding.
var kindWords = map[string][]string{
	"vectorize": {"vectorize"}, "services": {"service"}, "kv_namespaces": {"kv"}, "r2_buckets": {"r2", "bucket"},
	"d1_databases": {"d1"}, "queues": {"queue"}, "durable_objects": {"durable object"}, "ai": {"workers ai", "ai binding"},
	"analytics_engine_datasets": {"analytics"}, "browser": {"browser"}, "hyperdrive": {"hyperdrive"},
	"send_email": {"email"}, "ratelimits": {"ratelimit", "rate limit", "rate-limit", "limiter"},
	"unsafe": {"unsafe", "ratelimit", "rate limit", "rate-limit", "limiter"}, "secrets_store_secrets": {"secrets store"},
	"mtls_certificates": {"mtls"}, "images": {"images"}, "workflows": {"workflow"}, "dispatch_namespaces": {"dispatch"},
	"pipelines": {"pipeline"}, "flagship": {"flagship"},
}

// DocumentsOmission reports whether the config's comments say that e may
// lack the binding b (of another environment): a comment naming the
// binding, or written just above or after its entry, that says it is left
// out or optional; or a
// comment about e (inside its block, or just above it or above "env")
// saying that e has no bindings of that kind.
func (e *Env) DocumentsOmission(b Binding) bool {
	if e == nil || e.Config == nil {
		return false
	}
	from, to := e.commentRegion()
	for _, c := range e.Config.Comments() {
		text := strings.ToLower(c.Text)
		if isWantAnnotation(text) || !containsAny(text, omissionWords) {
			continue
		}
		if containsWord(c.Text, b.Name) || b.Node != nil && b.Node.Span.File == e.Config.File && e.Config.attached(c, b.Node.Span.Start, b.Node.Span.End) {
			return true
		}
		if c.Start >= from && c.Start < to && containsAny(text, kindWords[b.Kind]) {
			return true
		}
	}
	return false
}

// attached: comment c is written just above the entry at [start, end)
// (only blanks and other comments between), or after it on its last line.
func (c *Config) attached(cm Comment, start, end int) bool {
	d := c.File.Data
	if start < 0 || end > len(d) || start > end {
		return false
	}
	if cm.End <= start {
		return blankOrComments(d[cm.End:start], c.Comments(), cm.End)
	}
	return cm.Start >= end && !strings.Contains(string(d[end:cm.Start]), "\n")
}

// blankOrComments: text (at offset base of the file) is whitespace, commas
// and the given comments only.
func blankOrComments(text []byte, comments []Comment, base int) bool {
	for i := 0; i < len(text); i++ {
		switch text[i] {
		case ' ', '\t', '\r', '\n', ',':
			continue
		}
		inside := false
		for _, c := range comments {
			if base+i >= c.Start && base+i < c.End {
				i = c.End - base - 1
				inside = true
				break
			}
		}
		if !inside {
			return false
		}
	}
	return true
}

// commentRegion is the stretch of the file whose comments speak of e: its
// block, and the comments above its key (and above "env" for the first
// environment). The top level has none of its own.
func (e *Env) commentRegion() (from, to int) {
	if e.top || e.Node == nil {
		return 0, 0
	}
	envs := e.Config.Root.Get("env")
	prev := e.Config.Root.Span.Start
	for _, m := range e.Config.Root.Members {
		if m.Value == envs {
			break
		}
		if m.Value != nil {
			prev = m.Value.Span.End
		}
	}
	for _, m := range envs.Members {
		if m.Value == e.Node {
			return prev, e.Node.Span.End
		}
		if m.Value != nil {
			prev = m.Value.Span.End
		}
	}
	return 0, 0
}

// isWantAnnotation: a test expectation (`// want "rule-id" ...`, as in
// wranglint's own golden cases), which quotes findings, not intent.
func isWantAnnotation(text string) bool {
	t := strings.TrimSpace(text)
	return strings.HasPrefix(t, "want \"") || strings.HasPrefix(t, "want ") && len(t) > 5 && t[5] >= '0' && t[5] <= '9'
}

// containsAny: one of words begins a word of text ("omit" in "omitted";
// a rule id such as env-read-unbound does not say "unbound").
func containsAny(text string, words []string) bool {
	for _, w := range words {
		if wordAt(text, w, false) {
			return true
		}
	}
	return false
}

// containsWord: name occurs in text, not as part of a longer identifier
// or hyphenated word.
func containsWord(text, name string) bool { return wordAt(text, name, true) }

// wordAt: needle occurs in text at the start of a word, and, when whole,
// also ends one.
func wordAt(text, needle string, whole bool) bool {
	if needle == "" {
		return false
	}
	for i := 0; ; {
		j := strings.Index(text[i:], needle)
		if j < 0 {
			return false
		}
		start, end := i+j, i+j+len(needle)
		if (start == 0 || !identByte(text[start-1])) && (!whole || end == len(text) || !identByte(text[end])) {
			return true
		}
		i = start + 1
	}
}

func identByte(b byte) bool {
	return b == '_' || b == '-' || b >= '0' && b <= '9' || b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z'
}

// CommentedKey reports whether a comment of the config holds key as an
// entry that was commented out: a line `key = ...` (TOML) or
// `"key": ...` (JSON), so the key is known to the config's author.
func (c *Config) CommentedKey(key string) bool {
	for _, cm := range c.Comments() {
		for _, line := range strings.Split(cm.Text, "\n") {
			line = strings.TrimLeft(strings.TrimSpace(line), "#/* ")
			if rest, ok := strings.CutPrefix(line, `"`+key+`"`); ok {
				if rest = strings.TrimSpace(rest); strings.HasPrefix(rest, ":") || strings.HasPrefix(rest, "=") {
					return true
				}
			}
			if rest, ok := strings.CutPrefix(line, key); ok && strings.HasPrefix(strings.TrimSpace(rest), "=") {
				return true // TOML: key = value (a word followed by a colon is prose)
			}
		}
	}
	return false
}
