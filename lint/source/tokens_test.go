package source

import (
	"strings"
	"testing"
)

func TestFindTokens(t *testing.T) {
	tokens := []string{
		"ghp_abcdefghijklmnopqrstuvwxyz0123456789", "gho_abcdefghijklmnopqrstuvwxyz0123456789",
		"github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz",
		"glpat-abcdefghij0123456789",
		"xoxb-123456789012-abcdefghijklmnop", "xoxp-1234-5678-abcdefgh", "xapp-1-A0123-4567-abcdef",
		"sk_live_4eC39HqLyjWDarjtT1zdp7dc", "rk_live_4eC39HqLyjWDarjtT1zdp7dc", "sk_test_4eC39HqLyjWDarjtT1zdp7dc",
		"whsec_abcdefghijklmnopqrstuvwx01",
		"sk-proj-AbCdEfGhIjKlMnOpQrStUvWxYz012345", "sk-ant-api03-AbCdEfGhIjKlMnOpQrStUvWxYz012345-abc",
		"sk-or-v1-0123456789abcdef0123456789abcdef",
		"AKIAIOSFODNN7EXAMPLE", "ASIAIOSFODNN7EXAMPLE",
		"AIzaSyA1234567890abcdefghijklmnopqrstuv",
		"cfut_0123456789abcdefghijklmnopqrstuvwxyzABCD1234", "cfat_0123456789abcdefghijklmnopqrstuvwxyzABCD1234",
		"npm_abcdefghijklmnopqrstuvwxyz0123456789", "hf_abcdefghijklmnopqrstuvwxyzABCDEFGH",
		"eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U",
		"-----BEGIN RSA PRIVATE KEY-----\nMIIBOgIBAAJBAKj34GkxFhD90vcNLYLInFEX6Ppy1tPf9Cnzj4p4WGeKLs1Pt8Qu\n-----END RSA PRIVATE KEY-----",
	}
	for _, tok := range tokens {
		for _, around := range [][2]string{{"", ""}, {`fetch("https://api.example.com/`, `/x?y=1")`}, {"k=", "&z"}, {"Bearer ", "\n"}, {"`${a}/", "`"}} {
			text := around[0] + tok + around[1]
			got := FindTokens([]byte(text))
			if len(got) != 1 || text[got[0][0]:got[0][1]] != tok {
				t.Errorf("%q: %v", text, got)
			}
		}
		if !IsToken(tok) {
			t.Errorf("IsToken(%q)", tok)
		}
	}
	hook := "https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX"
	if got := FindTokens([]byte(hook)); len(got) != 1 || hook[got[0][0]:got[0][1]] != "T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX" {
		t.Errorf("webhook: %v", got)
	}
	for _, text := range []string{
		"mask_live_4eC39HqLyjWDarjtT1zdp7dc", // not at the start of a word
		"ghp_short", "sk-tooshort", "AKIAIOSFODNN7EXAMPLE0", "pk_live_4eC39HqLyjWDarjtT1zdp7dc",
		"eyJhbGciOiJIUzI1NiJ9.notjson", "the -----BEGIN PUBLIC KEY----- block", "task-runner-service-worker-thread-pool",
		"xoxb-short",
	} {
		if got := FindTokens([]byte(text)); len(got) != 0 {
			t.Errorf("%q: %v", text, got)
		}
	}
	pem := "x\n-----BEGIN PRIVATE KEY-----\nMIIE\n" // cut short: masked to the end
	if got := FindTokens([]byte(pem)); len(got) != 1 || got[0] != [2]int{2, len(pem)} {
		t.Errorf("a PEM block without its END line: %v", got)
	}
}

// Every file's text is searched for credentials when its secrets are
// first asked for: sources as well as configs.
func TestSecretRangesFindTokens(t *testing.T) {
	src := "const url = \"https://x.example.com/agents/ghp_abcdefghijklmnopqrstuvwxyz0123456789/y\";\n"
	f := NewFile("/p/src/client.ts", "src/client.ts", []byte(src))
	f.MarkSecret(0, 5)
	got := f.SecretRanges(0, len(src))
	start := strings.Index(src, "ghp_")
	if len(got) != 2 || got[0] != [2]int{0, 5} || got[1] != [2]int{start, start + 40} {
		t.Errorf("ranges %v", got)
	}
}

func BenchmarkFindTokens1MB(b *testing.B) {
	var sb strings.Builder
	for sb.Len() < 1<<20 {
		sb.WriteString("export async function handler(request, env) { const res = await fetch(`https://api.example.com/v1/items?key=${env.API_KEY}`, { headers: { 'x-session': 'abc-def' } }); return new Response(await res.text(), { status: 200 }); }\n")
	}
	data := []byte(sb.String())
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		FindTokens(data)
	}
}
