package main

import (
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/evanw/esbuild/pkg/api"
	"github.com/tailscale/hujson"
)

// runFloor is the benchmark's floor: it only reads and parses the files
// wranglint reads (wrangler configs with hujson, package.json and
// lockfiles with encoding/json, scripts with esbuild, the parser
// wranglint's scan uses), on every CPU, and does nothing with them.
func runFloor(root string, w io.Writer) int {
	var paths []string
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "node_modules" || d.Name() == ".git") {
			return filepath.SkipDir
		}
		if !d.IsDir() && floorKind(path) != "" {
			paths = append(paths, path)
		}
		return nil
	})
	if err != nil {
		fmt.Fprintln(w, "gen:", err)
		return 2
	}
	var bytes, failed atomic.Int64
	work := make(chan string)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for p := range work {
				data, err := os.ReadFile(p)
				bytes.Add(int64(len(data)))
				if err != nil || !floorParse(p, data) {
					failed.Add(1)
				}
			}
		}()
	}
	for _, p := range paths {
		work <- p
	}
	close(work)
	wg.Wait()
	fmt.Fprintf(w, "read and parsed %d files (%d KB), %d failed\n", len(paths), bytes.Load()>>10, failed.Load())
	return 0
}

func floorKind(path string) string {
	base := filepath.Base(path)
	switch {
	case strings.HasPrefix(base, "wrangler.json"):
		return "jsonc"
	case base == "package.json" || base == "package-lock.json":
		return "json"
	}
	switch filepath.Ext(path) {
	case ".ts", ".tsx", ".js", ".jsx", ".mts", ".mjs":
		return "script"
	}
	return ""
}

func floorParse(path string, data []byte) bool {
	switch floorKind(path) {
	case "jsonc":
		_, err := hujson.Parse(data)
		return err == nil
	case "json":
		var v any
		return json.Unmarshal(data, &v) == nil
	}
	loader := api.LoaderTS
	if strings.HasSuffix(path, "x") {
		loader = api.LoaderTSX
	}
	res := api.Transform(string(data), api.TransformOptions{Loader: loader, Sourcemap: api.SourceMapExternal, LogLevel: api.LogLevelSilent})
	return len(res.Errors) == 0
}
