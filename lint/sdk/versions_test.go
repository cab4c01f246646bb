package sdk

import (
	"os"
	"path/filepath"
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
		{"yarn.lock", "\"agents@^0.2.0\", agents@^0.2.1:\n  version \"0.2.3\"\n", "0.2.3"},
		{"yarn.lock", "\"agents@npm:^0.2.0\":\n  version: 0.2.9\n", "0.2.9"},
		{"bun.lock", "{\n  \"packages\": {\n    \"agents\": [\"agents@0.1.5\", \"\", {}, \"sha\"],\n  },\n}", "0.1.5"},
	}
	for _, c := range cases {
		got, ok := lockedVersion(c.kind, []byte(c.data), "agents")
		if !ok || got != c.want {
			t.Errorf("%s: got %q %v, want %q", c.kind, got, ok, c.want)
		}
	}
	if _, ok := lockedVersion("yarn.lock", []byte("agents-sdk@^1:\n  version \"1.0.0\"\n"), "agents"); ok {
		t.Error("agents-sdk is not agents")
	}
}

func TestVersionFinderOrder(t *testing.T) {
	dir := t.TempDir()
	sub := filepath.Join(dir, "apps", "web")
	must(t, os.MkdirAll(filepath.Join(dir, "node_modules", "partyserver"), 0o755))
	must(t, os.MkdirAll(sub, 0o755))
	must(t, os.WriteFile(filepath.Join(dir, "node_modules", "partyserver", "package.json"), []byte(`{"version":"0.0.55"}`), 0o644))
	must(t, os.WriteFile(filepath.Join(dir, "package-lock.json"), []byte(`{"packages":{"node_modules/agents":{"version":"0.0.46"}}}`), 0o644))
	must(t, os.WriteFile(filepath.Join(sub, "package.json"), []byte(`{"dependencies":{"agents":"^0.0.50"}}`), 0o644))
	v := NewVersionFinder(source.NewFileSet(dir, nil, nil)).For(sub)
	if v.PartyServer.Version.String() != "0.0.55" || v.Agents.Version.String() != "0.0.46" {
		t.Fatalf("installed (hoisted) and locked versions win over declared ranges: %s", v.Explain())
	}
	if v.ServerEra() != EraKebabV1 || v.ClientEra() != EraVerbatim {
		t.Fatalf("eras: %s", v.Explain())
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
