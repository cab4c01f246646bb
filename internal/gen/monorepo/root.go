package monorepo

import (
	"encoding/base64"
	"encoding/binary"
	"fmt"
	"hash/fnv"
	"strings"
)

const rootPackageJSON = `{
  "name": "acme-agents",
  "private": true,
  "workspaces": ["workers/*", "packages/*"],
  "devDependencies": {
    "typescript": "^5.9.0",
    "wrangler": "^4.40.0"
  }
}
`

const sharedPackageJSON = `{
  "name": "@acme/shared",
  "private": true,
  "type": "module",
  "main": "src/format.ts"
}
`

// sharedFormat is imported by every Worker's graph: it must be read and
// parsed once per run, not once per Worker.
const sharedFormat = `import { PREFIX } from "./constants";

export function formatMessage(from: string, text: string): string {
  return PREFIX + "[" + new Date().toISOString() + "] " + from + ": " + text;
}

export function logRequest(request: Request): void {
  const url = new URL(request.url);
  console.log(request.method, url.pathname);
}
`

const sharedConstants = `export const PREFIX = "";
`

// thirdParty are the packages every Worker depends on, directly or not;
// the lockfile lists them once (hoisted) with their own dependencies.
var thirdParty = []string{"react", "react-dom", "scheduler", "vite", "esbuild", "rollup", "postcss",
	"nanoid", "picocolors", "source-map-js", "wrangler", "miniflare", "workerd", "undici", "zod",
	"partysocket", "partyserver", "event-target-polyfill", "cron-schedule", "ai", "@ai-sdk/provider",
	"@ai-sdk/provider-utils", "@ai-sdk/ui-utils", "json-schema", "mimetext", "nanoevents",
	"@modelcontextprotocol/sdk", "cross-spawn", "path-key", "shebang-command", "which", "isexe",
	"typescript", "@types/react", "@types/react-dom", "csstype", "@vitejs/plugin-react", "@babel/core",
	"@babel/parser", "@babel/types", "@babel/traverse", "@babel/generator", "@babel/template",
	"@jridgewell/gen-mapping", "@jridgewell/trace-mapping", "@jridgewell/sourcemap-codec", "debug", "ms",
	"semver", "json5", "gensync", "convert-source-map", "browserslist", "caniuse-lite", "electron-to-chromium",
	"node-releases", "update-browserslist-db", "escalade", "@cloudflare/vite-plugin", "@cloudflare/unenv-preset",
	"unenv", "defu", "ohash", "pathe", "exsolve", "blake3-wasm", "cookie", "path-to-regexp", "stoppable",
	"youch", "sharp", "acorn", "acorn-walk", "exit-hook", "glob-to-regexp", "ws", "zod-to-json-schema"}

// npmLockfile is a package-lock.json v3 for the workspaces: one link and
// one workspace entry per Worker, then the hoisted packages, so it grows
// with the repository as a real one does.
func npmLockfile(workers []string) string {
	var b strings.Builder
	b.WriteString("{\n  \"name\": \"acme-agents\",\n  \"lockfileVersion\": 3,\n  \"requires\": true,\n  \"packages\": {\n")
	b.WriteString("    \"\": {\n      \"name\": \"acme-agents\",\n      \"workspaces\": [\"workers/*\", \"packages/*\"],\n" +
		"      \"devDependencies\": { \"typescript\": \"^5.9.0\", \"wrangler\": \"^4.40.0\" }\n    },\n")
	for _, w := range workers {
		fmt.Fprintf(&b, "    \"node_modules/%s\": { \"resolved\": \"workers/%s\", \"link\": true },\n", w, w)
	}
	b.WriteString("    \"node_modules/@acme/shared\": { \"resolved\": \"packages/shared\", \"link\": true },\n")
	b.WriteString("    \"node_modules/agents\": " + lockEntry("agents", "0.2.14", "cron-schedule", "nanoid", "partyserver", "partysocket", "zod") + ",\n")
	for i, name := range thirdParty {
		deps := []string{thirdParty[(i*7+3)%len(thirdParty)], thirdParty[(i*11+5)%len(thirdParty)]}
		fmt.Fprintf(&b, "    \"node_modules/%s\": %s,\n", name, lockEntry(name, fmt.Sprintf("%d.%d.%d", 1+i%5, i%13, i%7), deps...))
	}
	b.WriteString("    \"packages/shared\": { \"name\": \"@acme/shared\" },\n")
	for i, w := range workers {
		fmt.Fprintf(&b, "    \"workers/%s\": {\n      \"name\": \"%s\",\n      \"dependencies\": { \"@acme/shared\": \"*\", \"agents\": \"^0.2.0\", \"react\": \"^19.1.0\", \"react-dom\": \"^19.1.0\" },\n"+
			"      \"devDependencies\": { \"@cloudflare/vite-plugin\": \"^1.13.0\", \"@vitejs/plugin-react\": \"^5.0.0\", \"vite\": \"^7.1.0\", \"wrangler\": \"^4.40.0\" }\n    }", w, w)
		if i < len(workers)-1 {
			b.WriteString(",")
		}
		b.WriteString("\n")
	}
	if len(workers) == 0 {
		b.WriteString("    \"workers\": {}\n")
	}
	b.WriteString("  }\n}\n")
	return b.String()
}

func lockEntry(name, version string, deps ...string) string {
	var d []string
	for _, x := range deps {
		if x != name {
			d = append(d, fmt.Sprintf("\"%s\": \"^1.0.0\"", x))
		}
	}
	base := name[strings.LastIndexByte(name, '/')+1:]
	return fmt.Sprintf("{\n      \"version\": \"%s\",\n      \"resolved\": \"https://registry.npmjs.org/%s/-/%s-%s.tgz\",\n"+
		"      \"integrity\": \"sha512-%s\",\n      \"license\": \"MIT\",\n      \"dependencies\": { %s }\n    }",
		version, name, base, version, integrity(name+version), strings.Join(d, ", "))
}

// integrity is a stable stand-in for a sha512 integrity string.
func integrity(s string) string {
	h := fnv.New64a()
	h.Write([]byte(s))
	seed := h.Sum64()
	buf := make([]byte, 64)
	for i := 0; i < len(buf); i += 8 {
		seed = seed*6364136223846793005 + 1442695040888963407
		binary.LittleEndian.PutUint64(buf[i:], seed)
	}
	return base64.StdEncoding.EncodeToString(buf)
}
