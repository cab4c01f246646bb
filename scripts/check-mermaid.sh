#!/usr/bin/env bash
# Parses the Mermaid route maps with Mermaid itself: installs mermaid 11 and
# jsdom from the npm registry into a scratch folder, then runs mermaid.parse
# on the golden maps (cmd/wranglint/testdata/routes/*.mmd) and on the map of
# each folder given. go test checks the same files against the grammar the
# maps use (cmd/wranglint/routemap_test.go) without Node.js; this script is
# the check against the real parser, for when the renderer changes.
# Skipped (exit 0) when node or npm is absent. Needs the npm registry.
#
# usage: scripts/check-mermaid.sh [FOLDER...]
set -euo pipefail
for tool in node npm; do
  if ! command -v "$tool" >/dev/null; then
    echo "skipped: $tool not installed"
    exit 0
  fi
done
command -v go >/dev/null || PATH="/usr/local/go/bin:$PATH"
root=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

(cd "$tmp" && npm init -y >/dev/null && npm install --no-audit --no-fund --silent mermaid@11 jsdom@24 >/dev/null)
(cd "$root" && CGO_ENABLED=0 go build -o "$tmp/wranglint" ./cmd/wranglint)
files=("$root"/cmd/wranglint/testdata/routes/*.mmd)
for dir in "$@"; do
  out="$tmp/map-${#files[@]}.mmd"
  (cd "$dir" && "$tmp/wranglint" routes --format mermaid >"$out")
  files+=("$out")
done
cat >"$tmp/check.mjs" <<'JS'
import { JSDOM } from "jsdom";
import fs from "node:fs";
const dom = new JSDOM("<!doctype html><html><body></body></html>");
globalThis.window = dom.window;
globalThis.document = dom.window.document;
const { default: mermaid } = await import("mermaid");
mermaid.initialize({ startOnLoad: false });
let failed = 0;
for (const f of process.argv.slice(2)) {
  try {
    await mermaid.parse(fs.readFileSync(f, "utf8"));
    console.log("ok: " + f);
  } catch (e) {
    failed++;
    console.error("FAIL: " + f + ": " + String(e.message || e));
  }
}
process.exit(failed ? 1 : 0);
JS
(cd "$tmp" && node check.mjs "${files[@]}")
