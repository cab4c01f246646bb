package sdk

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wranglint/wranglint/lint/source"
)

func TestLowestInRange(t *testing.T) {
	cases := map[string]string{
		"^0.2.20": "0.2.20", "~1.2": "1.2.0", ">=0.0.45 <1": "0.0.45", "0.3.x": "0.3.0",
		"^0.1.0 || ^0.0.40": "0.0.40", "v0.0.48": "0.0.48", "=0.0.50": "0.0.50",
	}
	for in, want := range cases {
		v, ok := LowestInRange(in)
		if !ok || v.String() != want {
			t.Errorf("LowestInRange(%q) = %v %v, want %s", in, v, ok, want)
		}
	}
	for _, in := range []string{"*", "latest", "", "workspace:*", "github:cloudflare/agents", "catalog:"} {
		if _, ok := LowestInRange(in); ok {
			t.Errorf("LowestInRange(%q) must say nothing", in)
		}
	}
}

func TestEras(t *testing.T) {
	v := func(pkg, s string) PackageVersion {
		x, _ := ParseVersion(s)
		return PackageVersion{pkg, x, true, "test"}
	}
	cases := []struct {
		vs             Versions
		server, client Era
	}{
		{Versions{}, EraCurrent, EraCurrent},
		{Versions{Agents: v("agents", "0.2.0")}, EraCurrent, EraCurrent},
		{Versions{Agents: v("agents", "0.0.45")}, EraCurrent, EraVerbatim},
		{Versions{Agents: v("agents", "0.0.48")}, EraCurrent, EraCurrent},
		{Versions{Agents: v("agents-sdk", "0.0.30")}, EraKebabV1, EraVerbatim},
		{Versions{Agents: v("agents", "0.0.41")}, EraKebabV1, EraVerbatim},
		{Versions{PartyServer: v("partyserver", "0.0.65")}, EraKebabV1, EraCurrent},
		{Versions{PartyServer: v("partyserver", "0.0.66")}, EraCurrent, EraCurrent},
		{Versions{PartyServer: v("partyserver", "0.0.49")}, EraLowercase, EraCurrent},
		{Versions{PartyServer: v("partyserver", "0.0.50")}, EraKebabV1, EraCurrent},
		// agents >= 0.21 routes by itself: a stray old partyserver does not count.
		{Versions{Agents: v("agents", "0.32.0"), PartyServer: v("partyserver", "0.0.55")}, EraCurrent, EraCurrent},
		{Versions{Agents: v("agents", "0.20.0"), PartyServer: v("partyserver", "0.0.55")}, EraKebabV1, EraCurrent},
	}
	for _, c := range cases {
		if c.vs.ServerEra() != c.server || c.vs.ClientEra() != c.client {
			t.Errorf("%s: got %v/%v, want %v/%v", c.vs.Explain(), c.vs.ServerEra(), c.vs.ClientEra(), c.server, c.client)
		}
	}
}

func TestLockfiles(t *testing.T) {
	cases := []struct{ kind, data, want string }{
		{"package-lock.json", `{"packages":{"":{},"node_modules/agents":{"version":"0.2.7"}}}`, "0.2.7"},
		{"package-lock.json", `{"dependencies":{"agents":{"version":"0.0.44"}}}`, "0.0.44"},
		{"pnpm-lock.yaml", "packages:\n\n  /agents@0.0.60(zod@3.0.0):\n    resolution: x\n", "0.0.60"},
		{"pnpm-lock.yaml", "packages:\n\n  agents@0.2.1:\n    resolution: x\n", "0.2.1"},
		{"pnpm-lock.yaml", "packages:\n\n  /agents/0.0.40_zod@3.0.0:\n    resolution: x\n", "0.0.40"},
		{"yarn.lock", "\"agents@^0.2.0\", agents@^0.2.1:\n  version \"0.2.3\"\n", "0.2.3"},
		{"yarn.lock", "\"agents@npm:^0.2.0\":\n  version: 0.2.9\n", "0.2.9"},
		{"bun.lock", "{\n  \"packages\": {\n    \"agents\": [\"agents@0.1.5\", \"\", {}, \"sha\"],\n  },\n}", "0.1.5"},
	}
	for _, c := range cases {
		e, ok := parseLockfile(c.kind, []byte(c.data)).pick("agents", "", "")
		if !ok || e.Version.String() != c.want {
			t.Errorf("%s: got %v %v, want %q", c.kind, e.Version, ok, c.want)
		}
	}
	if _, ok := parseLockfile("yarn.lock", []byte("agents-sdk@^1:\n  version \"1.0.0\"\n")).pick("agents", "", ""); ok {
		t.Error("agents-sdk is not agents")
	}
	if _, ok := parseLockfile("pnpm-lock.yaml", []byte("packages:\n  /@cloudflare/agents@1.0.0:\n")).pick("agents", "", ""); ok {
		t.Error("@cloudflare/agents is not agents")
	}
}

// TestLockfileRange: a lockfile that lists agents@0.0.46 first (for another
// workspace) while the package declares ^0.0.50 gives the copy that
// satisfies ^0.0.50, in every lockfile format.
func TestLockfileRange(t *testing.T) {
	lockfiles := map[string]string{
		"npm v3 (nested copy)": "package-lock.json\n" + `{"lockfileVersion":3,"packages":{"":{"workspaces":["apps/*"]},
			"node_modules/agents":{"version":"0.0.46"},
			"apps/web/node_modules/agents":{"version":"0.0.50"}}}`,
		"npm v2 (order)": "package-lock.json\n" + `{"lockfileVersion":2,"packages":{
			"apps/old/node_modules/agents":{"version":"0.0.46"},
			"apps/web/node_modules/agents":{"version":"0.0.50"}},"dependencies":{}}`,
		"npm v1": "package-lock.json\n" + `{"lockfileVersion":1,"dependencies":{
			"agents":{"version":"0.0.46"},
			"some-tool":{"version":"1.0.0","dependencies":{"agents":{"version":"0.0.50"}}}}}`,
		"pnpm v6": "pnpm-lock.yaml\nlockfileVersion: '6.0'\n\npackages:\n\n  /agents@0.0.46(zod@3.0.0):\n    resolution: {integrity: x}\n\n  /agents@0.0.50(zod@3.0.0):\n    resolution: {integrity: y}\n",
		"pnpm v9 (importers)": "pnpm-lock.yaml\nlockfileVersion: '9.0'\n\nimporters:\n\n  .:\n    dependencies:\n      agents:\n        specifier: ^0.0.46\n        version: 0.0.46(zod@3.0.0)\n\n" +
			"  apps/web:\n    dependencies:\n      agents:\n        specifier: ^0.0.50\n        version: 0.0.50(zod@3.0.0)\n\npackages:\n\n  agents@0.0.46:\n    resolution: {integrity: x}\n\n  agents@0.0.50:\n    resolution: {integrity: y}\n",
		"yarn classic": "yarn.lock\n# yarn lockfile v1\n\nagents@^0.0.46:\n  version \"0.0.46\"\n\n\"agents@^0.0.50\":\n  version \"0.0.50\"\n",
		"yarn berry":   "yarn.lock\n__metadata:\n  version: 8\n\n\"agents@npm:^0.0.46\":\n  version: 0.0.46\n\n\"agents@npm:^0.0.50\":\n  version: 0.0.50\n",
		"bun": "bun.lock\n" + `{"lockfileVersion":1,"workspaces":{"":{"name":"root"},"apps/web":{"name":"web","dependencies":{"agents":"^0.0.50"}}},
			"packages":{"agents":["agents@0.0.46","",{},"sha"],"web/agents":["agents@0.0.50","",{},"sha"],}}`,
	}
	for label, text := range lockfiles {
		name, data, _ := strings.Cut(text, "\n")
		dir := t.TempDir()
		web := filepath.Join(dir, "apps", "web")
		must(t, os.MkdirAll(filepath.Join(web, "src"), 0o755))
		must(t, os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644))
		must(t, os.WriteFile(filepath.Join(dir, "package.json"), []byte(`{"workspaces":["apps/*"],"dependencies":{"agents":"^0.0.46"}}`), 0o644))
		must(t, os.WriteFile(filepath.Join(web, "package.json"), []byte(`{"dependencies":{"agents":"^0.0.50"}}`), 0o644))
		vf := NewVersionFinder(source.NewFileSet(dir, nil, nil))
		if v := vf.For(filepath.Join(web, "src")).Agents; v.Version.String() != "0.0.50" || !strings.HasPrefix(v.Source, "lockfile") {
			t.Errorf("%s: apps/web: got %s, want 0.0.50 from the lockfile", label, v)
		}
		if v := vf.For(dir).Agents; v.Version.String() != "0.0.46" {
			t.Errorf("%s: root: got %s, want 0.0.46", label, v)
		}
	}
}

// TestStaleLockfile: no locked copy satisfies the declared range, so the
// lockfile is stale and the range decides.
func TestStaleLockfile(t *testing.T) {
	dir := t.TempDir()
	must(t, os.WriteFile(filepath.Join(dir, "package-lock.json"), []byte(`{"packages":{"node_modules/agents":{"version":"0.0.46"}}}`), 0o644))
	must(t, os.WriteFile(filepath.Join(dir, "package.json"), []byte(`{"dependencies":{"agents":"^0.0.50"}}`), 0o644))
	v := NewVersionFinder(source.NewFileSet(dir, nil, nil)).For(dir).Agents
	if v.Version.String() != "0.0.50" || !strings.HasPrefix(v.Source, "lowest") {
		t.Fatalf("got %s, want the lowest of ^0.0.50", v)
	}
}

func TestRange(t *testing.T) {
	cases := []struct {
		r       string
		in, out []string
	}{
		{"^0.0.50", []string{"0.0.50"}, []string{"0.0.46", "0.0.51", "0.1.0"}},
		{"^0.2.0", []string{"0.2.0", "0.2.14"}, []string{"0.1.9", "0.3.0"}},
		{"^1.2.3", []string{"1.2.3", "1.9.0"}, []string{"1.2.2", "2.0.0"}},
		{"^0.0", []string{"0.0.9"}, []string{"0.1.0"}},
		{"~1.2.3", []string{"1.2.9"}, []string{"1.3.0", "1.2.2"}},
		{"~1", []string{"1.9.9"}, []string{"2.0.0"}},
		{">=0.0.45 <1", []string{"0.0.45", "0.9.0"}, []string{"0.0.44", "1.0.0"}},
		{">= 0.2.0", []string{"5.0.0"}, []string{"0.1.0"}},
		{"0.3.x", []string{"0.3.0", "0.3.7"}, []string{"0.4.0"}},
		{"1.0.0 - 1.2", []string{"1.0.0", "1.2.9"}, []string{"1.3.0"}},
		{"^0.1.0 || ^0.0.40", []string{"0.0.40", "0.1.5"}, []string{"0.0.41", "0.2.0"}},
		{"*", []string{"0.0.1", "9.0.0"}, nil},
		{"0.0.48", []string{"0.0.48"}, []string{"0.0.49"}},
		{"npm:agents@^0.2.0", []string{"0.2.1"}, []string{"0.3.0"}},
		{">1.2", []string{"1.3.0"}, []string{"1.2.9"}},
		{"<=1.2", []string{"1.2.9"}, []string{"1.3.0"}},
	}
	for _, c := range cases {
		r, ok := ParseRange(c.r)
		if !ok {
			t.Errorf("ParseRange(%q) failed", c.r)
			continue
		}
		for _, s := range c.in {
			if v, _ := ParseVersion(s); !r.Contains(v) {
				t.Errorf("%q must contain %s", c.r, s)
			}
		}
		for _, s := range c.out {
			if v, _ := ParseVersion(s); r.Contains(v) {
				t.Errorf("%q must not contain %s", c.r, s)
			}
		}
	}
	for _, s := range []string{"workspace:*", "latest", "github:cloudflare/agents", "catalog:", "file:../x"} {
		if _, ok := ParseRange(s); ok {
			t.Errorf("ParseRange(%q) must fail", s)
		}
	}
}

func TestVersionFinderOrder(t *testing.T) {
	dir := t.TempDir()
	sub := filepath.Join(dir, "apps", "web")
	must(t, os.MkdirAll(filepath.Join(dir, "node_modules", "partyserver"), 0o755))
	must(t, os.MkdirAll(sub, 0o755))
	must(t, os.WriteFile(filepath.Join(dir, "node_modules", "partyserver", "package.json"), []byte(`{"version":"0.0.55"}`), 0o644))
	must(t, os.WriteFile(filepath.Join(dir, "package-lock.json"), []byte(`{"packages":{"node_modules/agents":{"version":"0.0.46"}}}`), 0o644))
	must(t, os.WriteFile(filepath.Join(sub, "package.json"), []byte(`{"dependencies":{"agents":"^0.0.40 || ^0.0.46"}}`), 0o644))
	v := NewVersionFinder(source.NewFileSet(dir, nil, nil)).For(sub)
	if v.PartyServer.Version.String() != "0.0.55" || v.Agents.Version.String() != "0.0.46" {
		t.Fatalf("installed (hoisted) and locked versions win over declared ranges: %s", v.Explain())
	}
	if v.ServerEra() != EraKebabV1 || v.ClientEra() != EraVerbatim {
		t.Fatalf("eras: %s", v.Explain())
	}
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
