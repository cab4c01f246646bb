package source

import "bytes"

// Credential formats distinctive enough to be recognised anywhere in any
// file: in a config, in a comment, in a URL literal of the Worker's code.
// Every file wranglint shows is searched for them once, in one pass, and
// what it finds is masked like any other secret (see MarkSecret).

// tokenFormat is a prefix and the characters that may follow it.
type tokenFormat struct {
	prefix   string
	pre      []byte     // prefix
	body     *[256]bool // characters of the rest
	min, max int        // bounds of the rest's length (max 0: none)
	// from is where the masked range starts, relative to the prefix: a
	// webhook URL keeps its host and masks its path only.
	from int
}

var (
	alnum     = charSet("A-Za-z0-9")
	alnumUnd  = charSet("A-Za-z0-9_")
	alnumDash = charSet("A-Za-z0-9-")
	base64URL = charSet("A-Za-z0-9_-")
	upperNum  = charSet("A-Z0-9")
	urlPath   = charSet("A-Za-z0-9/_-")
	wordChar  = alnumUnd
)

// tokenFormats: GitHub, fine-grained GitHub, GitLab, Slack (tokens and
// webhooks), Discord webhooks, Stripe, OpenAI, Anthropic and OpenRouter
// (sk-…), AWS access key ids, Google API keys, Cloudflare's scannable
// API credentials, npm, PyPI, Hugging Face, SendGrid, Shopify and
// DigitalOcean tokens. JWTs and PEM private keys have matchers of their
// own.
var tokenFormats = []tokenFormat{
	{prefix: "ghp_", body: alnum, min: 30}, {prefix: "gho_", body: alnum, min: 30}, {prefix: "ghu_", body: alnum, min: 30},
	{prefix: "ghs_", body: alnum, min: 30}, {prefix: "ghr_", body: alnum, min: 30},
	{prefix: "github_pat_", body: alnumUnd, min: 30},
	{prefix: "glpat-", body: base64URL, min: 20},
	{prefix: "xoxa-", body: alnumDash, min: 10}, {prefix: "xoxb-", body: alnumDash, min: 10}, {prefix: "xoxp-", body: alnumDash, min: 10},
	{prefix: "xoxr-", body: alnumDash, min: 10}, {prefix: "xoxe-", body: alnumDash, min: 10}, {prefix: "xoxs-", body: alnumDash, min: 10},
	{prefix: "xapp-", body: alnumDash, min: 10},
	{prefix: "hooks.slack.com/services/", body: urlPath, min: 20, from: len("hooks.slack.com/services/")},
	{prefix: "discord.com/api/webhooks/", body: urlPath, min: 20, from: len("discord.com/api/webhooks/")},
	{prefix: "sk_live_", body: alnum, min: 10}, {prefix: "rk_live_", body: alnum, min: 10},
	{prefix: "sk_test_", body: alnum, min: 10}, {prefix: "rk_test_", body: alnum, min: 10},
	{prefix: "whsec_", body: alnum, min: 24},
	{prefix: "sk-", body: base64URL, min: 20},
	{prefix: "AKIA", body: upperNum, min: 16, max: 16}, {prefix: "ASIA", body: upperNum, min: 16, max: 16},
	{prefix: "AIza", body: base64URL, min: 35, max: 35},
	{prefix: "cfk_", body: base64URL, min: 40}, {prefix: "cfut_", body: base64URL, min: 40}, {prefix: "cfat_", body: base64URL, min: 40},
	{prefix: "npm_", body: alnum, min: 36},
	{prefix: "pypi-AgEIcHlwaS5vcmc", body: base64URL, min: 50},
	{prefix: "hf_", body: alnum, min: 30},
	{prefix: "shpat_", body: alnum, min: 32}, {prefix: "shpss_", body: alnum, min: 32}, {prefix: "shpca_", body: alnum, min: 32}, {prefix: "shppa_", body: alnum, min: 32},
	{prefix: "dop_v1_", body: alnum, min: 64},
}

// byFirst indexes the formats by their first byte; starts marks every
// pair of bytes a credential may start with, which is all the scan looks
// at for most bytes.
var byFirst, starts = func() (t [256][]*tokenFormat, starts *[256][256]bool) {
	starts = new([256][256]bool)
	for i := range tokenFormats {
		f := &tokenFormats[i]
		f.pre = []byte(f.prefix)
		t[f.prefix[0]] = append(t[f.prefix[0]], f)
		starts[f.prefix[0]][f.prefix[1]] = true
	}
	starts['e']['y'], starts['-']['-'] = true, true // JWTs, PEM blocks
	return t, starts
}()

func charSet(ranges string) *[256]bool {
	var s [256]bool
	for i := 0; i < len(ranges); i++ {
		if i+2 < len(ranges) && ranges[i+1] == '-' {
			for c := ranges[i]; c <= ranges[i+2]; c++ {
				s[c] = true
			}
			i += 2
			continue
		}
		s[ranges[i]] = true
	}
	return &s
}

// FindTokens returns the byte ranges of the credentials in data, sorted
// and apart. It reads data once: each byte costs a table lookup unless a
// format's first character starts a word there.
func FindTokens(data []byte) [][2]int {
	var out [][2]int
	for i := 0; i+1 < len(data); i++ {
		c := data[i]
		if !starts[c][data[i+1]] || c != '-' && i > 0 && wordChar[data[i-1]] {
			continue // credentials start a word; a PEM block may start anywhere
		}
		if start, end := tokenAt(data, i); end > 0 {
			out = append(out, [2]int{start, end})
			i = end - 1
		}
	}
	return out
}

// IsToken reports whether s begins with a credential in a known format.
func IsToken(s string) bool {
	_, end := tokenAt([]byte(s), 0)
	return end > 0
}

// tokenAt matches a credential starting at data[i]; end is 0 when none.
func tokenAt(data []byte, i int) (start, end int) {
	rest := data[i:]
	switch rest[0] {
	case '-':
		return pemAt(data, i)
	case 'e':
		if end := jwtAt(rest); end > 0 {
			return i, i + end
		}
	}
	for _, f := range byFirst[rest[0]] {
		if !bytes.HasPrefix(rest, f.pre) {
			continue
		}
		n := 0
		for p := len(f.prefix); p < len(rest) && f.body[rest[p]] && (f.max == 0 || n < f.max); p++ {
			n++
		}
		if n < f.min || f.max > 0 && len(f.prefix)+n < len(rest) && wordChar[rest[len(f.prefix)+n]] {
			continue // too short, or a fixed-length format that runs on
		}
		return i + f.from, i + len(f.prefix) + n
	}
	return 0, 0
}

// jwtAt matches three dot-separated base64url parts, the first two
// JSON objects (eyJ): a JSON Web Token.
func jwtAt(b []byte) int {
	p := 0
	for part := 0; part < 3; part++ {
		if part < 2 && !bytes.HasPrefix(b[p:], []byte("eyJ")) {
			return 0
		}
		n := 0
		for p+n < len(b) && base64URL[b[p+n]] {
			n++
		}
		if n < 10 {
			return 0
		}
		p += n
		if part < 2 {
			if p >= len(b) || b[p] != '.' {
				return 0
			}
			p++
		}
	}
	return p
}

var (
	pemBegin = []byte("-----BEGIN ")
	pemKey   = []byte("PRIVATE KEY-----")
	pemEnd   = []byte("-----END ")
)

// pemAt matches a PEM private key block from its BEGIN line through its
// END line (or the end of data, for a key cut short).
func pemAt(data []byte, i int) (start, end int) {
	rest := data[i:]
	if !bytes.HasPrefix(rest, pemBegin) {
		return 0, 0
	}
	p := len(pemBegin)
	for p < len(rest) && (rest[p] >= 'A' && rest[p] <= 'Z' || rest[p] == ' ') && !bytes.HasPrefix(rest[p:], pemKey) {
		p++
	}
	if !bytes.HasPrefix(rest[p:], pemKey) {
		return 0, 0
	}
	p += len(pemKey)
	for {
		j := bytes.Index(rest[p:], pemEnd)
		if j < 0 {
			return i, len(data)
		}
		p += j + len(pemEnd)
		q := p
		for q < len(rest) && (rest[q] >= 'A' && rest[q] <= 'Z' || rest[q] == ' ') && !bytes.HasPrefix(rest[q:], pemKey) {
			q++
		}
		if bytes.HasPrefix(rest[q:], pemKey) {
			return i, i + q + len(pemKey)
		}
	}
}
