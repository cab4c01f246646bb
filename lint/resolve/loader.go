package resolve

import (
	"path/filepath"
	"strings"
)

// Loader is how wrangler's bundle reads a module: as code whose imports
// it follows, as JSON, or as an opaque asset.
type Loader uint8

const (
	// LoaderNone: no loader is configured for the file's extension; the
	// bundle fails.
	LoaderNone Loader = iota
	LoaderJS
	LoaderJSX
	LoaderTS
	LoaderTSX
	LoaderJSON
	LoaderText   // the module is the file's text
	LoaderFile   // the module is the file's URL
	LoaderBinary // the module is the file's bytes
)

// IsCode reports whether modules of this loader are scripts with imports.
func (l Loader) IsCode() bool { return l >= LoaderJS && l <= LoaderTSX }

func (l Loader) String() string {
	return [...]string{"none", "js", "jsx", "ts", "tsx", "json", "text", "file", "binary"}[l]
}

// Loaders are esbuild's default loaders with those wranglint gives its
// bundler (lint/jscode's workerLoaders; a test keeps them equal): the
// non-JS modules real Workers import. The key "" is a file without an
// extension, which esbuild reads as JavaScript.
var Loaders = map[string]Loader{
	"": LoaderJS, ".js": LoaderJS, ".mjs": LoaderJS, ".cjs": LoaderJS, ".jsx": LoaderJSX,
	".ts": LoaderTS, ".cts": LoaderTS, ".mts": LoaderTS, ".tsx": LoaderTSX,
	// esbuild parses ".module.css" as CSS modules; nothing a Worker imports
	// from one is a module of the graph, so it counts as text here.
	".module.css": LoaderText,
	".json":       LoaderJSON, ".txt": LoaderText,
	".wasm": LoaderFile, ".html": LoaderText, ".bin": LoaderBinary, ".sql": LoaderText,
	".md": LoaderText, ".svg": LoaderText, ".css": LoaderText, ".png": LoaderFile,
	".jpg": LoaderFile, ".gif": LoaderFile, ".woff2": LoaderFile, ".yaml": LoaderText,
	".yml": LoaderText, ".csv": LoaderText, ".xml": LoaderText,
}

// LoaderFor picks the loader for a module path as esbuild does: the
// longest configured extension of the file's name, from its first dot
// ("a.module.css" before ".css"), letter case counting.
func LoaderFor(path string) Loader {
	base := filepath.Base(path)
	i := strings.IndexByte(base, '.')
	if i < 0 {
		return Loaders[""]
	}
	for i >= 0 {
		if l, ok := Loaders[base[i:]]; ok {
			return l
		}
		base = base[i+1:]
		i = strings.IndexByte(base, '.')
	}
	return LoaderNone
}
