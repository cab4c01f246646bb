#!/usr/bin/env bash
# Tests the npm packaging end to end, without the registry: builds the packages
# with scripts/build-npm.sh, packs every one with `npm pack`, installs the
# launcher and this platform's package from the .tgz files into a scratch
# project (offline, with an empty npm cache), and runs `npx wranglint` there:
# --version, a lint of the CoderAgent sample (exit 1) and of its fixed copy
# (exit 0), exit codes, WRANGLINT_BINARY, signals, and the message when the
# platform package is missing. Skipped (exit 0) when node or npm is absent.
#
# usage: scripts/test-npm.sh
set -euo pipefail

for tool in node npm; do
  if ! command -v "$tool" >/dev/null; then
    echo "skipped: $tool not installed"
    exit 0
  fi
done

root=$(cd "$(dirname "$0")/.." && pwd)
version=0.0.0-test.1
unset GITHUB_ACTIONS # the checks read the text format, not the Actions default
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
pass() { echo "ok: $*"; }

# run NAME WANT_CODE CMD...: runs CMD, its output to $tmp/out, checks the code.
run() {
  local name=$1 want=$2 code=0
  shift 2
  { "$@"; } >"$tmp/out" 2>&1 || code=$? # braces: a "Terminated" notice goes there too
  if [ "$code" -ne "$want" ]; then
    fail "$name: exit $code, want $want; output:"
    sed 's/^/    /' "$tmp/out" >&2
    return 1
  fi
  pass "$name (exit $code)"
}
# has NAME TEXT: the last run's output contains TEXT.
has() {
  if ! grep -qF -- "$2" "$tmp/out"; then
    fail "$1: output lacks \"$2\"; output:"
    sed 's/^/    /' "$tmp/out" >&2
  fi
}

echo "== build ($(node -v), npm $(npm -v))"
"$root/scripts/build-npm.sh" "$version" "$tmp/npm"

echo "== npm pack"
mkdir "$tmp/packs"
export npm_config_cache="$tmp/npm-cache" npm_config_offline=true
export npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false
for dir in "$tmp/npm/wranglint" "$tmp/npm/@wranglint/"*; do
  name=$(node -p 'require(process.argv[1]).name' "$dir/package.json")
  if ! (cd "$dir" && npm pack --silent --pack-destination "$tmp/packs" >"$tmp/out" 2>&1); then
    fail "npm pack $name:"; sed 's/^/    /' "$tmp/out" >&2
    continue
  fi
  tgz="$tmp/packs/$(tail -n 1 "$tmp/out")"
  # The tarball holds the binary (executable) or the launcher, and package.json.
  case $name in
    wranglint) want="package/bin/wranglint.js" ;;
    @wranglint/win32-*) want="package/bin/wranglint.exe" ;;
    *) want="package/bin/wranglint" ;;
  esac
  listing=$(tar -tvzf "$tgz")
  if ! grep -qE "^-rwx.* $want\$" <<<"$listing"; then
    fail "npm pack $name: no executable $want in $(basename "$tgz"):"; echo "$listing" >&2
  elif ! grep -q " package/package.json\$" <<<"$listing"; then
    fail "npm pack $name: no package.json in $(basename "$tgz")"
  elif [ "$name" = wranglint ] && ! grep -q " package/schema/wranglint.schema.json\$" <<<"$listing"; then
    fail "npm pack $name: no schema/wranglint.schema.json in $(basename "$tgz")"
  elif ! grep -q " package/LICENSE\$" <<<"$listing"; then
    fail "npm pack $name: no LICENSE in $(basename "$tgz")"
  elif [ "$(node -p 'require(process.argv[1]).license' "$dir/package.json")" != MIT ]; then
    fail "npm pack $name: package.json says no \"license\": \"MIT\""
  else
    pass "npm pack $name -> $(basename "$tgz")"
  fi
done

platform=$(node -p 'process.platform + "-" + process.arch')
platform_tgz="$tmp/packs/wranglint-$platform-$version.tgz"
if [ ! -f "$platform_tgz" ]; then
  echo "no package for this platform ($platform): install and run tests skipped"
  [ "$failures" -eq 0 ] || { echo "npm packaging: $failures failure(s)" >&2; exit 1; }
  exit 0
fi

echo "== install into a scratch project (offline, empty cache)"
proj="$tmp/project"
mkdir "$proj"
echo '{ "name": "scratch", "version": "1.0.0", "private": true }' >"$proj/package.json"
cd "$proj"
if ! run "npm install the packed tarballs" 0 \
  npm install --no-save "$tmp/packs/wranglint-$version.tgz" "$platform_tgz"; then
  exit 1
fi
# npx must use the installed package, never fetch one (offline, empty cache,
# and no "Need to install" prompt). Flags before the package name are npm's.
export npm_config_yes=false
npx=(npx wranglint)

run "npx wranglint --version" 0 "${npx[@]}" --version && has "--version" "wranglint $version"

cp -R "$root/testdata/coderagent" "$proj/coderagent"
run "npx wranglint coderagent (the CoderAgent mistake)" 1 "${npx[@]}" coderagent &&
  has "lint coderagent" "[binding-name-case-mismatch]"

cp -R "$root/testdata/coderagent" "$proj/clean"
sed 's/agent: "coderagent"/agent: "CoderAgent"/' "$root/testdata/coderagent/src/client.tsx" >"$proj/clean/src/client.tsx"
run "npx wranglint clean (the fixed copy)" 0 "${npx[@]}" clean || true

run "npx wranglint --no-such-flag (usage error)" 2 "${npx[@]}" --no-such-flag || true

echo "== launcher"
launcher="$proj/node_modules/.bin/wranglint"
cat >"$tmp/custom" <<'EOF'
#!/bin/sh
echo "custom binary: $*"
exit 3
EOF
chmod +x "$tmp/custom"
run "WRANGLINT_BINARY runs the custom binary, exit code passed on" 3 \
  env WRANGLINT_BINARY="$tmp/custom" "$launcher" a "b c" && has "WRANGLINT_BINARY" "custom binary: a b c"
run "WRANGLINT_BINARY naming no file" 2 env WRANGLINT_BINARY="$tmp/missing" "$launcher" &&
  has "WRANGLINT_BINARY missing" "does not exist"

# A binary that dies of a signal: the launcher dies of the same one (143 = 128 + SIGTERM).
cat >"$tmp/killed" <<'EOF'
#!/bin/sh
kill -TERM $$
EOF
chmod +x "$tmp/killed"
run "binary killed by SIGTERM: launcher ends the same way" 143 env WRANGLINT_BINARY="$tmp/killed" "$launcher" || true

# A signal sent to the launcher reaches the binary.
cat >"$tmp/waits" <<'EOF'
#!/bin/sh
trap 'echo got TERM >"$1.got"; exit 7' TERM
: >"$1.ready"
while :; do sleep 0.1; done
EOF
chmod +x "$tmp/waits"
WRANGLINT_BINARY="$tmp/waits" "$launcher" "$tmp/sig" >/dev/null 2>&1 &
pid=$!
for _ in $(seq 100); do [ -f "$tmp/sig.ready" ] && break; sleep 0.1; done
kill -TERM "$pid"
code=0
wait "$pid" || code=$?
if [ -f "$tmp/sig.got" ] && [ "$code" -eq 7 ]; then
  pass "SIGTERM to the launcher reaches the binary (exit $code)"
else
  fail "SIGTERM to the launcher: binary got it: $([ -f "$tmp/sig.got" ] && echo yes || echo no), exit $code (want 7)"
fi

# Without the platform package (installed with --omit=optional, say): a clear message.
rm -rf "$proj/node_modules/@wranglint/$platform"
run "platform package missing" 2 "$launcher" --version && has "missing package" "@wranglint/$platform"

if [ "$failures" -ne 0 ]; then
  echo "npm packaging: $failures failure(s)" >&2
  exit 1
fi
echo "npm packaging: all checks passed"
