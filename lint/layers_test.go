package lint

import (
	"go/build"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// layers says, for each package of the module, which of the module's
// packages it may import: each layer imports only layers below it.
var layers = map[string][]string{
	"lint/source":   nil,
	"lint/cache":    {"lint/source"},
	"lint/wrangler": {"lint/source", "lint/cache"},
	"lint/resolve":  {"lint/source"},
	"lint/jscode":   {"lint/source", "lint/cache", "lint/resolve"},
	"lint/sdk":      {"lint/source"},
	"lint/settings": {"lint/source", "lint/wrangler"},
	"lint/project":  {"lint/source", "lint/wrangler", "lint/resolve", "lint/jscode", "lint/sdk", "lint/settings"},
	"lint":          {"lint/source", "lint/wrangler", "lint/settings", "lint/project"},
	"lint/analyses": {"lint", "lint/source", "lint/wrangler", "lint/jscode", "lint/sdk", "lint/settings", "lint/project"},
	"lint/fix":      {"lint", "lint/project", "lint/source", "lint/wrangler", "lint/jscode", "lint/sdk"},
	"lint/report":   {"lint", "lint/analyses", "lint/project", "lint/source", "lint/wrangler", "lint/jscode", "lint/sdk"},
	"lint/linttest": {"lint", "lint/source"},
	"lint/lsp":      {"lint", "lint/analyses", "lint/project", "lint/source", "lint/wrangler", "lint/jscode"},
	"lint/watch":    {"lint/source"},
	"rules":         {"lint", "lint/analyses", "lint/project", "lint/source", "lint/wrangler", "lint/jscode", "lint/sdk"},
}

const module = "github.com/wranglint/wranglint/"

func TestLayers(t *testing.T) {
	for pkg, allowed := range layers {
		bp, err := build.ImportDir(filepath.Join("..", pkg), 0)
		if _, noGo := err.(*build.NoGoError); noGo || os.IsNotExist(err) || err != nil && strings.Contains(err.Error(), "cannot find") {
			continue // a layer not written yet
		}
		if err != nil {
			t.Fatalf("%s: %v", pkg, err)
		}
		for _, imp := range bp.Imports {
			rel, ours := strings.CutPrefix(imp, module)
			if ours && !slices.Contains(allowed, rel) {
				t.Errorf("%s imports %s: only %v are below it", pkg, rel, allowed)
			}
		}
	}
}

// Every package of the module has its place in the table.
func TestLayersListEveryPackage(t *testing.T) {
	for _, root := range []string{".", "../rules"} {
		filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil || !d.IsDir() || d.Name() == "testdata" {
				if d != nil && d.IsDir() && d.Name() == "testdata" {
					return filepath.SkipDir
				}
				return err
			}
			if bp, err := build.ImportDir(p, 0); err == nil && len(bp.GoFiles) > 0 {
				name := filepath.ToSlash(filepath.Join("lint", p))
				if root != "." {
					name = "rules"
				}
				if _, ok := layers[name]; !ok {
					t.Errorf("package %s has no layer in the table", name)
				}
			}
			return nil
		})
	}
}
