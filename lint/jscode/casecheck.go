package jscode

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/wranglint/wranglint/lint/source"
)

// caseMismatch reports a relative import whose file exists only under a
// name that differs in letter case. esbuild's resolver matches names
// case-insensitively once it has listed a folder (so the answer depended
// on what else was in the same build), while the deploy's build on a
// case-sensitive disk fails: wranglint always reports it.
func caseMismatch(files *source.FileSet, resolveDir, spec string) string {
	if !strings.HasPrefix(spec, "./") && !strings.HasPrefix(spec, "../") || resolveDir == "" {
		return ""
	}
	base := filepath.Join(resolveDir, filepath.FromSlash(spec))
	if existsExactly(files, base) {
		return ""
	}
	dir, want := filepath.Dir(base), strings.ToLower(filepath.Base(base))
	entries, err := os.ReadDir(dir)
	if err != nil {
		return ""
	}
	for _, e := range entries {
		name := e.Name()
		stem := strings.ToLower(strings.TrimSuffix(name, filepath.Ext(name)))
		if strings.ToLower(name) == want || stem == want {
			return "Could not resolve " + strconv.Quote(spec) + " (the file is " + name +
				": names differ only in letter case, which a case-sensitive file system such as Linux's, and so the deploy's build, does not forgive)"
		}
	}
	return ""
}

// existsExactly: the path, with an extension, or as a folder with an
// index file, exists under exactly this name.
func existsExactly(files *source.FileSet, base string) bool {
	if files.Exists(base) {
		return true
	}
	for _, ext := range append(moduleExts(), ".json") {
		if files.Exists(base+ext) || files.IsFile(filepath.Join(base, "index"+ext)) {
			return true
		}
	}
	if ext := filepath.Ext(base); ext == ".js" || ext == ".jsx" || ext == ".mjs" || ext == ".cjs" {
		stem := strings.TrimSuffix(base, ext)
		for _, alt := range []string{".ts", ".tsx", ".mts", ".cts"} {
			if files.Exists(stem + alt) {
				return true
			}
		}
	}
	return false
}

func moduleExts() []string {
	out := []string{".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs"}
	for ext := range workerLoaders {
		out = append(out, ext)
	}
	return out
}
