package project

import (
	"strings"
	"testing"
)

func TestWranglerSubcommands(t *testing.T) {
	for script, want := range map[string]string{
		"wrangler deploy": "deploy",
		"npm run build && npx wrangler --env prod deploy":                                      "deploy",
		"wrangler pages dev frontend/dist --d1 DB":                                             "pages",
		"node_modules/.bin/wrangler d1 migrations apply social && wrangler pages publish dist": "d1,pages",
		"vite build":          "",
		"wrangler":            "",
		"bunx wrangler types": "types",
	} {
		if got := strings.Join(wranglerSubcommands(script), ","); got != want {
			t.Errorf("wranglerSubcommands(%q) = %q, want %q", script, got, want)
		}
	}
}
