#!/usr/bin/env bash
# Packages the VS Code extension (editors/vscode) into a .vsix:
#   scripts/build-vscode.sh [OUTDIR]    (default: dist/vscode)
# Installs the pinned npm dependencies (npm ci), type-checks the
# TypeScript, bundles it with esbuild, runs the smoke test (wranglint lsp,
# built here, driven by the protocol library vscode-languageclient uses,
# on a copy of testdata/coderagent) and runs vsce package. The extension
# starts the wranglint it finds (setting, node_modules/.bin, PATH): the
# .vsix holds no binary. Needs Node.js 20 or later, npm and Go.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-$root/dist/vscode}
mkdir -p "$out"
out=$(cd "$out" && pwd)
cd "$root/editors/vscode"

npm ci --no-audit --no-fund
npm run check
npm run bundle
bin=$(mktemp -d)
trap 'rm -rf "$bin"' EXIT
(cd "$root" && CGO_ENABLED=0 go build -o "$bin/wranglint" ./cmd/wranglint)
npm run smoke -- "$bin/wranglint" "$root/testdata/coderagent"

# The .vsix carries the repository's LICENSE (MIT; a copy, ignored by git):
# vsce refuses to package without one.
cp "$root/LICENSE" LICENSE
version=$(node -p 'require("./package.json").version')
npx --no-install vsce package --no-dependencies --out "$out/wranglint-$version.vsix"
echo "built $out/wranglint-$version.vsix"
