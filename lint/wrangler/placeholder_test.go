package wrangler

import "testing"

func TestHasPlaceholder(t *testing.T) {
	for s, want := range map[string]bool{
		"<WORKER_NAME>":             true,
		"{{name}}":                  true,
		"${NAME}":                   true,
		"app-{env.PULL_REQUEST}":    true,
		"api-${STAGE}":              true,
		"web-<branch>":              true,
		"web-__ENV__":               true,
		"x-%NAME%":                  true,
		"my-worker":                 false,
		"My_Worker":                 false,
		"a__b":                      false,
		"my worker":                 false,
		"worker-{":                  false,
		"a<b":                       false,
		"100%-done%":                false,
		"pr-{env.PULL_REQUEST}-api": true,
	} {
		if got := HasPlaceholder(s); got != want {
			t.Errorf("HasPlaceholder(%q) = %v, want %v", s, got, want)
		}
	}
}
