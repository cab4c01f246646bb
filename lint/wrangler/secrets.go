package wrangler

import (
	"net"
	"net/url"
	"strings"

	"github.com/wranglint/wranglint/lint/source"
)

// Secret detection: what secret-in-vars reports, and what output masks.
var (
	secretName = source.LazyRegexp(`(?i)(^|_)(API_?KEY|SECRET|TOKEN|PASSWORD|PASSWD|PRIVATE_KEY|ACCESS_KEY|CLIENT_SECRET|AUTH|CREDENTIALS?)($|_)|(_KEY$)`)
	publicName = source.LazyRegexp(`(?i)PUBLIC|PUBLISHABLE|SITE_KEY|_ID$|_URL$|_ENDPOINT$|TOKEN_URL|AUTH_URL|_HEADER$|_NAME$`)
	// AWS secret access keys have no prefix: 40 characters of base64
	// under a name that says AWS or secret access key.
	awsName     = source.LazyRegexp(`(?i)AWS|SECRET_ACCESS|ACCESS_KEY_SECRET`)
	awsSecret   = source.LazyRegexp(`^[A-Za-z0-9/+]{40}$`)
	placeholder = source.LazyRegexp(`(?i)^(<.*>|\$\{.*\}|x+|\*+|\.\.\.|changeme|change-me|todo|tbd|none|null|false|true|dummy|example|placeholder|your[-_ ].*|.*[-_ ]here|test|dev|development|local|fake.*|secret)$`)
	// publishable keys are meant to ship to browsers.
	publishable = source.LazyRegexp(`^(phc_|pk_live_|pk_test_)`)
	// urlPassword finds the password of scheme://user:password@host in
	// any text (comments, configs that do not parse).
	urlPassword = source.LazyRegexp(`\b[A-Za-z][A-Za-z0-9+.-]*://[^\s:/?#@"'` + "`" + `]*:([^\s/?#@"'` + "`" + `]+)@[^\s/?#"'` + "`" + `]+`)
	// keyValue finds `"NAME": "value"` or `NAME = 'value'` in text that
	// did not parse.
	keyValue = source.LazyRegexp(`["']?([A-Za-z0-9_.-]+)["']?[ \t]*[:=][ \t]*("(?:[^"\\\n]|\\.)*"|'[^'\n]*')`)
)

// SecretReason says why a var looks like a credential, "" if it does not.
func SecretReason(name string, v *Node) string {
	value, ok := v.String()
	value = strings.TrimSpace(value)
	if !ok || value == "" || placeholder().MatchString(value) || publishable().MatchString(value) {
		return ""
	}
	if source.IsToken(value) {
		return "holds a value in a known token format"
	}
	if credentialURL(value) {
		return "holds a URL with a password in it"
	}
	if awsName().MatchString(name) && awsSecret().MatchString(value) {
		return "holds what looks like an AWS secret access key"
	}
	if secretLikeName(name) && len(value) >= 8 && !strings.ContainsAny(value, " /") && !plainValue(value) {
		return "looks like a credential (its name) with a literal value"
	}
	return ""
}

// credentialURL: a connection string with a password (postgres://,
// mysql://, mongodb://, redis://, amqp://, or any other scheme) for a host
// other than this machine; local development databases are not secrets.
func credentialURL(value string) bool {
	u, err := url.Parse(value)
	if err != nil || u.User == nil || u.Host == "" {
		return false
	}
	pw, ok := u.User.Password()
	if !ok || pw == "" || placeholder().MatchString(pw) {
		return false
	}
	switch host := strings.ToLower(u.Hostname()); {
	case host == "localhost", host == "host.docker.internal", strings.HasSuffix(host, ".localhost"):
		return false
	default:
		ip := net.ParseIP(host)
		return ip == nil || !ip.IsLoopback() && !ip.IsUnspecified()
	}
}

func secretLikeName(name string) bool {
	return secretName().MatchString(name) && !publicName().MatchString(name)
}

// SecretValues returns the spans (quotes excluded) of every string that
// holds a secret, anywhere in the config (the top level and every
// environment): a value secret-in-vars would report, or any value under a
// key named like a secret.
func SecretValues(c *Config) []source.Span {
	var out []source.Span
	walkSecrets(c.Root, "", &out)
	return out
}

func walkSecrets(n *Node, key string, out *[]source.Span) {
	switch n.Kind {
	case KindObject:
		for _, m := range n.Members {
			walkSecrets(m.Value, m.Key, out)
		}
	case KindArray:
		for _, it := range n.Items {
			walkSecrets(it, key, out)
		}
	case KindString:
		if isSecret(key, n) {
			*out = append(*out, contentSpan(n.Span))
		}
	}
}

func isSecret(key string, n *Node) bool {
	if SecretReason(key, n) != "" {
		return true
	}
	v := strings.TrimSpace(n.Str)
	return v != "" && secretLikeName(key) && !publishable().MatchString(v)
}

// contentSpan is a string's span without its quotes.
func contentSpan(s source.Span) source.Span {
	raw := s.File.Data[s.Start:s.End]
	q := 0
	switch {
	case len(raw) >= 6 && (strings.HasPrefix(string(raw), `"""`) || strings.HasPrefix(string(raw), `'''`)):
		q = 3
	case len(raw) >= 2 && (raw[0] == '"' || raw[0] == '\''):
		q = 1
	}
	return source.Span{File: s.File, Start: s.Start + q, End: s.End - q}
}

// MarkSecrets marks the secrets of a config file so that wranglint never
// prints them: the values SecretValues finds when the file parsed (root
// non-nil), values under secret-like names found in its text when it did
// not. Credentials in known formats anywhere in any file (comments too)
// are found by the source layer (source.FindTokens).
func MarkSecrets(f *source.File, root *Node) {
	if root != nil {
		var spans []source.Span
		walkSecrets(root, "", &spans)
		for _, s := range spans {
			f.MarkSecret(s.Start, s.End)
		}
	} else {
		for _, m := range keyValue().FindAllSubmatchIndex(f.Data, -1) {
			name, value := string(f.Data[m[2]:m[3]]), f.Data[m[4]+1:m[5]-1]
			if len(value) > 0 && (secretLikeName(name) || source.IsToken(string(value))) && !publishable().Match(value) {
				f.MarkSecret(m[4]+1, m[5]-1)
			}
		}
	}
	for _, m := range urlPassword().FindAllSubmatchIndex(f.Data, -1) {
		if credentialURL(string(f.Data[m[0]:m[1]])) {
			f.MarkSecret(m[2], m[3])
		}
	}
}

// plainValue: a value that reads as something else than a credential,
// whatever its name says: an e-mail address, lower-case words joined by
// - _ or . (a channel or bucket name), or a short run of digits (a
// placeholder such as 1234567890). Credentials are random strings.
func plainValue(v string) bool {
	if at := strings.IndexByte(v, '@'); at > 0 && strings.Contains(v[at:], ".") && !strings.Contains(v, ":") {
		return true
	}
	digits, words := true, true
	for _, r := range v {
		switch {
		case r >= '0' && r <= '9':
			words = false
		case r >= 'a' && r <= 'z':
			digits = false
		case r == '-' || r == '_' || r == '.':
			digits = false
		default:
			return false
		}
	}
	if digits {
		return len(v) <= 12
	}
	return words && strings.ContainsAny(v, "-_.")
}
