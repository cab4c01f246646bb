package source

import (
	"path/filepath"
	"reflect"
	"testing"
)

func TestScriptConfigs(t *testing.T) {
	pkg := `{"scripts": {
		"deploy": "wrangler deploy",
		"deploy:data": "npm run build && npx wrangler deploy -c wrangler.data.jsonc --env production",
		"dev:canary": "pnpm exec wrangler dev --config=deploy/canary.toml",
		"both": "wrangler deploy --config \"wrangler.a b.json\"; wrangler deploy -c=wrangler.b.jsonc",
		"other": "tsc -c tsconfig.json && node build.js -c wrangler.fake.json",
		"bad-ext": "wrangler deploy -c wrangler.yaml",
		"not-a-string": 1,
		"release": "npm run build && npm run check && wrangler deploy --config wrangler.production.toml --minify",
		"x-cd": "cd apps/api && pnpm wrangler deploy -c wrangler.data.jsonc",
		"x-sub": "(cd apps/web && npx wrangler deploy --config=./wrangler.preview.jsonc) && wrangler deploy -c=wrangler.root.jsonc",
		"x-unknown": "cd $APP_DIR && wrangler deploy -c wrangler.lost.toml; cd /abs && wrangler deploy -c wrangler.lost.toml"
	}}`
	got := ScriptConfigs("/p", []byte(pkg))
	want := []string{"/p/wrangler.a b.json", "/p/wrangler.b.jsonc", "/p/wrangler.data.jsonc", "/p/deploy/canary.toml",
		"/p/wrangler.production.toml", "/p/apps/api/wrangler.data.jsonc", "/p/apps/web/wrangler.preview.jsonc", "/p/wrangler.root.jsonc"}
	for i := range want {
		want[i] = filepath.FromSlash(want[i])
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got %q\nwant %q", got, want)
	}
}

func TestIsOtherConfigName(t *testing.T) {
	for name, want := range map[string]bool{
		"wrangler.data.jsonc": true, "wrangler.production.toml": true, "wrangler.canary.json": true,
		"wrangler.jsonc": false, "wrangler-schema.json": false, "wrangler.toml.example": false, "wrangler.a.b.toml": false,
	} {
		if got := IsOtherConfigName(name); got != want {
			t.Errorf("%s: %v", name, got)
		}
	}
}

func TestDeployedConfigs(t *testing.T) {
	implicit, named := DeployedConfigs("/p", []byte(`{"scripts": {
		"deploy": "pnpm exec wrangler deploy",
		"canary": "wrangler versions upload -c wrangler.canary.jsonc",
		"dev": "wrangler dev -c wrangler.dev.jsonc",
		"types": "wrangler types"
	}}`))
	if !implicit || len(named) != 1 || named[0] != filepath.FromSlash("/p/wrangler.canary.jsonc") {
		t.Fatalf("implicit %v, named %q", implicit, named)
	}
	if implicit, named := DeployedConfigs("/p", []byte(`{"scripts": {"deploy": "cd \"$DIR\" && wrangler deploy -c wrangler.prod.toml"}}`)); implicit || named != nil {
		t.Fatalf("a config in an unknown folder is neither the implicit one nor placed: %v %q", implicit, named)
	}
	if _, named := DeployedConfigs("/p", []byte(`{"scripts": {"deploy": "cd workers/api && wrangler deploy -c wrangler.prod.toml"}}`)); len(named) != 1 || named[0] != filepath.FromSlash("/p/workers/api/wrangler.prod.toml") {
		t.Fatalf("cd: %q", named)
	}
	if implicit, named := DeployedConfigs("/p", []byte(`{"scripts": {"dev": "wrangler dev"}}`)); implicit || named != nil {
		t.Fatalf("dev deploys nothing: %v %q", implicit, named)
	}
}
