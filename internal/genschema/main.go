// Command genschema reduces wrangler's config-schema.json to its
// structure (types, properties, references; no prose) for wranglint's
// built-in knowledge of wrangler's fields:
//
//	go run ./internal/genschema node_modules/wrangler > lint/wrangler/wrangler-schema.json
//
// The argument is an installed wrangler package folder.
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
)

// kept are the JSON Schema keywords that describe structure.
var kept = map[string]bool{
	"type": true, "properties": true, "additionalProperties": true, "items": true,
	"anyOf": true, "oneOf": true, "allOf": true, "$ref": true, "definitions": true,
	"required": true, "enum": true, "const": true,
}

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: genschema path/to/node_modules/wrangler")
		os.Exit(2)
	}
	dir := os.Args[1]
	var pkg struct{ Version string }
	data, err := os.ReadFile(filepath.Join(dir, "package.json"))
	if err == nil {
		err = json.Unmarshal(data, &pkg)
	}
	if err != nil {
		fail(err)
	}
	var schema any
	data, err = os.ReadFile(filepath.Join(dir, "config-schema.json"))
	if err == nil {
		err = json.Unmarshal(data, &schema)
	}
	if err != nil {
		fail(err)
	}
	out := map[string]any{"wrangler_version": pkg.Version, "schema": strip(schema, false)}
	enc := json.NewEncoder(os.Stdout)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(out); err != nil {
		fail(err)
	}
}

// strip keeps structural keywords; under "properties" and "definitions"
// every key is a name, kept with its stripped schema.
func strip(v any, names bool) any {
	switch t := v.(type) {
	case map[string]any:
		out := map[string]any{}
		for k, x := range t {
			switch {
			case names:
				out[k] = strip(x, false)
			case kept[k]:
				out[k] = strip(x, k == "properties" || k == "definitions")
			}
		}
		return out
	case []any:
		out := make([]any, len(t))
		for i, x := range t {
			out[i] = strip(x, false)
		}
		return out
	}
	return v
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "genschema:", err)
	os.Exit(1)
}
