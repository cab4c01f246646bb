package sdk

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wranglint/wranglint/lint/source"
)

// TestPackageVersion: any package is found as agents is, scoped names
// included: the lockfile's copy the package.json range allows, else that
// range's lowest version.
func TestPackageVersion(t *testing.T) {
	dir := t.TempDir()
	app := filepath.Join(dir, "apps", "box")
	must(t, os.MkdirAll(app, 0o755))
	must(t, os.WriteFile(filepath.Join(dir, "pnpm-lock.yaml"), []byte("lockfileVersion: '9.0'\n\npackages:\n\n"+
		"  '@cloudflare/containers@0.1.1':\n    resolution: {integrity: x}\n\n  '@cloudflare/containers@0.3.5':\n    resolution: {integrity: y}\n"), 0o644))
	must(t, os.WriteFile(filepath.Join(app, "package.json"), []byte(`{"dependencies":{"@cloudflare/containers":"^0.3.0","wrangler":"^4.20.0"}}`), 0o644))
	vf := NewVersionFinder(source.NewFileSet(dir, nil, nil))
	if v := vf.Package(app, "@cloudflare/containers"); v.Version.String() != "0.3.5" || !strings.HasPrefix(v.Source, "lockfile") {
		t.Errorf("containers: got %s, want 0.3.5 from the lockfile", v)
	}
	if v := vf.Package(app, "wrangler"); v.Version.String() != "4.20.0" || !strings.HasPrefix(v.Source, "lowest version") {
		t.Errorf("wrangler: got %s, want the range's lowest, 4.20.0", v)
	}
	if v := vf.Package(app, "left-pad"); v.Found {
		t.Errorf("left-pad: got %s, want not found", v)
	}
}
