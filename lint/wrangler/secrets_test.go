package wrangler

import (
	"strings"
	"testing"

	"github.com/wranglint/wranglint/lint/source"
)

func TestSecretReason(t *testing.T) {
	cases := []struct {
		name, value string
		secret      bool
	}{
		{"OPENAI_API_KEY", "sk-proj-AbCdEfGhIjKlMnOpQrStUvWxYz012345", true},
		{"ANYTHING", "ghp_abcdefghijklmnopqrstuvwxyz0123456789", true},
		{"AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG/bPxRfiCY+EXAMPLEKE", true}, // has / and +
		{"AWS_SECRET", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", true},
		{"BUCKET_PATH", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", false}, // not an AWS name
		{"POSTHOG_KEY", "phc_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789", false}, // publishable
		{"STRIPE_KEY", "pk_live_51H8AbCdEfGhIjKlMnOpQr", false},
		{"STRIPE_PUBLISHABLE_KEY", "pk_test_51H8AbCdEfGhIjKlMnOpQr", false},
		{"STRIPE_SECRET_KEY", "sk_live_4eC39HqLyjWDarjtT1zdp7dc", true},
		{"API_TOKEN", "changeme", false},
		{"API_TOKEN", "a8f5f167f44f4964e6c998dee827110c", true},
		{"SITE_URL", "https://example.com/token", false},
		{"DATABASE_URL", "postgres://user:password@db.example.com:5432/app", true},
		{"DB", "mysql://admin:hunter2hunter2@mysql.example.com/app", true},
		{"MONGO", "mongodb+srv://reader:Zx9-long@cluster0.example.net/app", true},
		{"CACHE", "redis://default:s3cret@cache.example.com:6379", true},
		{"QUEUE", "amqp://worker:rabbit@mq.example.com", true},
		{"LOCAL_DB", "postgresql://postgres:postgres@localhost:5432/dev", false},
		{"LOCAL_DB", "postgres://user:pass@127.0.0.1:1234/db", false},
		{"NO_PASSWORD", "postgres://user@db.example.com/app", false},
		{"TEMPLATED", "redis://default:<password>@cache.example.com", false},
	}
	for _, c := range cases {
		n := &Node{Kind: KindString, Str: c.value}
		if got := SecretReason(c.name, n) != ""; got != c.secret {
			t.Errorf("%s=%q: secret %v, want %v", c.name, c.value, got, c.secret)
		}
	}
}

// SecretValues finds every secret of a config, top level and every
// environment, JSONC and TOML, and gives the span of the value without
// its quotes (multi-line strings too).
func TestSecretValues(t *testing.T) {
	jsonc := `{
  "vars": { "OPENAI_API_KEY": "sk-proj-AbCdEfGhIjKlMnOpQrStUvWxYz012345", "MODE": "dev", "DB_PASSWORD": "pw" },
  // a token in a comment: sk-proj-ZZZZEfGhIjKlMnOpQrStUvWxYz012345
  "env": { "prod": { "vars": { "GH": "ghp_abcdefghijklmnopqrstuvwxyz0123456789" } } }
}`
	toml := "name = \"x\"\n[vars]\nKEY = \"\"\"\n-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7\n-----END PRIVATE KEY-----\n\"\"\"\n" +
		"[env.prod.vars]\nSTRIPE = 'sk_live_4eC39HqLyjWDarjtT1zdp7dc'\nPOSTHOG_KEY = \"phc_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789\"\n"
	for name, want := range map[string][]string{
		"wrangler.jsonc": {"sk-proj-AbCdEfGhIjKlMnOpQrStUvWxYz012345", "pw", "ghp_abcdefghijklmnopqrstuvwxyz0123456789"},
		"wrangler.toml":  {"\n-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7\n-----END PRIVATE KEY-----\n", "sk_live_4eC39HqLyjWDarjtT1zdp7dc"},
	} {
		data := jsonc
		parse := ParseJSONC
		if strings.HasSuffix(name, ".toml") {
			data, parse = toml, ParseTOML
		}
		f := source.NewFile("/"+name, name, []byte(data))
		root, err := parse(f)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, s := range SecretValues(NewConfig(f, root)) {
			got = append(got, s.Text())
		}
		if strings.Join(got, "|") != strings.Join(want, "|") {
			t.Errorf("%s: %q", name, got)
		}
		MarkSecrets(f, root)
		if name == "wrangler.jsonc" && len(f.SecretRanges(0, len(f.Data))) != 4 {
			t.Errorf("the token in the comment is marked too: %v", f.SecretRanges(0, len(f.Data)))
		}
	}
}

// A config that does not parse still has its secrets marked, by text.
func TestMarkSecretsUnparsed(t *testing.T) {
	data := `{"vars": {"API_KEY": "hunter2hunter2" "X": "sk-or-v1-0123456789abcdef0123456789abcdef", "PUBLIC_KEY": "pub1234567"`
	f := source.NewFile("/w.jsonc", "w.jsonc", []byte(data))
	MarkSecrets(f, nil)
	var got []string
	for _, r := range f.SecretRanges(0, len(data)) {
		got = append(got, data[r[0]:r[1]])
	}
	if strings.Join(got, "|") != "hunter2hunter2|sk-or-v1-0123456789abcdef0123456789abcdef" {
		t.Errorf("marked %q", got)
	}
}

// The password of a connection string is masked wherever it is written,
// comments and unparsed text too.
func TestMarkSecretsURLPassword(t *testing.T) {
	data := "{\n  // was: \"DATABASE_URL\": \"postgres://app:s3cr3t-pa55@db.example.com/app\"\n  \"name\": \"x\"\n}\n"
	f := source.NewFile("/wrangler.jsonc", "wrangler.jsonc", []byte(data))
	root, err := ParseJSONC(f)
	if err != nil {
		t.Fatal(err)
	}
	MarkSecrets(f, root)
	start := strings.Index(data, "s3cr3t-pa55")
	got := f.SecretRanges(0, len(data))
	if len(got) != 1 || got[0][0] != start || got[0][1] != start+len("s3cr3t-pa55") {
		t.Errorf("marked %v, want the password at %d", got, start)
	}
}

func TestPlainValuesAreNotCredentials(t *testing.T) {
	for _, v := range []string{"rwsdk-realtime-chat", "noreply@example.com", "1234567890", "my_bucket.name"} {
		if !plainValue(v) {
			t.Errorf("%q reads as a credential", v)
		}
	}
	for _, v := range []string{"s3cr3t-value-9f8e7d", "AbCdEfGhIjKlMnOp", "1234567890123456789", "hunter2hunter2"} {
		if plainValue(v) {
			t.Errorf("%q reads as plain", v)
		}
	}
}
