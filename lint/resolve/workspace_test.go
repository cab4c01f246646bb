package resolve

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/wranglint/wranglint/lint/source"
)

func TestPnpmPackages(t *testing.T) {
	cases := map[string][]string{
		"packages:\n  - \"apps/*\"\n  - 'packages/**'\n  - '!**/test/**'\ncatalog:\n  react: ^19\n": {"apps/*", "packages/**", "!**/test/**"},
		"packages: [apps/*, \"libs/*\"]\n":         {"apps/*", "libs/*"},
		"# comment\npackages:\n- tools # inline\n": {"tools"},
		"onlyBuiltDependencies:\n  - esbuild\n":    nil,
		"packages:\n":                              nil,
	}
	for text, want := range cases {
		if got := pnpmPackages(text); !slices.Equal(got, want) {
			t.Errorf("pnpmPackages(%q) = %q, want %q", text, got, want)
		}
	}
}

func TestWorkspaceEntryBeforeInstall(t *testing.T) {
	root := t.TempDir()
	write := func(rel, data string) {
		p := filepath.Join(root, rel)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(".git/HEAD", "ref: refs/heads/main\n")
	write("package.json", `{"name": "root", "workspaces": {"packages": ["apps/*", "packages/**"]}}`)
	write("apps/api/package.json", `{"name": "api"}`)
	write("apps/api/src/index.ts", `import { x } from "@repo/common";`)
	write("packages/shared/common/package.json", `{"name": "@repo/common", "exports": {".": "./src/index.ts", "./db": "./src/db.ts"}}`)
	write("packages/shared/common/src/index.ts", "export const x = 1;\n")
	write("packages/shared/common/src/db.ts", "export const db = 1;\n")
	write("packages/node_modules/fake/package.json", `{"name": "fake"}`)
	r := New(source.NewFileSet(root, nil, nil))
	importer := filepath.Join(root, "apps/api/src/index.ts")
	for spec, want := range map[string]string{
		"@repo/common":    "packages/shared/common/src/index.ts",
		"@repo/common/db": "packages/shared/common/src/db.ts",
		"fake":            "",
		"@repo/missing":   "",
	} {
		got := r.ResolvePackage(importer, spec)
		if want != "" {
			want = filepath.Join(root, want)
		}
		if got != want {
			t.Errorf("ResolvePackage(%q) = %q, want %q", spec, got, want)
		}
	}
}
