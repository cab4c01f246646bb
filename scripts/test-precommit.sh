#!/usr/bin/env bash
# Tests .pre-commit-hooks.yaml with the real pre-commit: scratch git
# repositories hold a Worker project (a copy of testdata/coderagent, the
# binding "CoderAgent" that a client asks for as "coderagent", or its fixed
# copy) and a .pre-commit-config.yaml pointing at this checkout, so pre-commit
# builds the hooks from the local tree (language: golang: `go install` with
# the Go on PATH, modules from the Go module proxy). Then:
#   - hook wranglint, with only the client file staged (pre-commit passes
#     apps/coder/src/client.tsx): fails on the mistake (exit 1,
#     binding-name-case-mismatch), passes on the clean project; also with
#     --all-files;
#   - hook wranglint-fix: rewrites the client, and fails (exit 1) because a
#     file changed; once the fix is staged, both hooks pass.
# Uncommitted changes to tracked files of the checkout are tested too (as
# `pre-commit try-repo` does); untracked files are not.
# Skipped (exit 0) when pre-commit is not installed.
#
# usage: scripts/test-precommit.sh
set -euo pipefail

if ! command -v pre-commit >/dev/null; then
  echo "skipped: pre-commit not installed"
  exit 0
fi
command -v go >/dev/null || PATH="/usr/local/go/bin:$PATH"
if ! command -v go >/dev/null; then
  # pre-commit would try to download a Go toolchain instead.
  echo "test-precommit: go is not on PATH" >&2
  exit 1
fi

root=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# A private pre-commit cache (the hook is built once for all runs below), no
# colour, and a git identity for the scratch commits.
export PRE_COMMIT_HOME="$tmp/pre-commit-home" PRE_COMMIT_COLOR=never
export GIT_AUTHOR_NAME=test GIT_AUTHOR_EMAIL=test@example.com
export GIT_COMMITTER_NAME=test GIT_COMMITTER_EMAIL=test@example.com
unset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE
unset GITHUB_ACTIONS # the checks read the text format, not the Actions default

echo "== $(pre-commit --version), $(go version)"

# The repository pre-commit installs from: this checkout at HEAD, or, when
# tracked files have uncommitted changes, a clone with those changes committed.
repo=$root
if [ -n "$(git -C "$root" status --porcelain --untracked-files=no)" ]; then
  echo "the checkout has uncommitted changes: testing them from a temporary clone"
  repo="$tmp/shadow"
  git clone -q "$root" "$repo"
  git -C "$root" diff HEAD --binary | git -C "$repo" apply --index
  git -C "$repo" commit -q -m "uncommitted changes of $root"
fi
rev=$(git -C "$repo" rev-parse HEAD)

failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
pass() { echo "ok: $*"; }

# write_config DIR: the scratch repository's .pre-commit-config.yaml.
write_config() {
  cat >"$1/.pre-commit-config.yaml" <<EOF
repos:
  - repo: $repo
    rev: $rev
    hooks:
      - id: wranglint
      - id: wranglint-fix
EOF
}

# make_repo DIR mistake|clean: a git repository with the project committed
# under apps/coder/, then a change to its client staged (what a commit that
# touches only the front end looks like to pre-commit).
make_repo() {
  local dir=$1
  mkdir -p "$dir/apps"
  cp -R "$root/testdata/coderagent" "$dir/apps/coder"
  if [ "$2" = clean ]; then
    sed 's/agent: "coderagent"/agent: "CoderAgent"/' "$root/testdata/coderagent/src/client.tsx" >"$dir/apps/coder/src/client.tsx"
  fi
  write_config "$dir"
  git -C "$dir" init -q
  git -C "$dir" add -A
  git -C "$dir" commit -q -m "the Worker project"
  echo "// a change to the client" >>"$dir/apps/coder/src/client.tsx"
  git -C "$dir" add apps/coder/src/client.tsx
}

# hook NAME WANT_CODE DIR ARGS...: `pre-commit run ARGS` in DIR, output in $tmp/out.
hook() {
  local name=$1 want=$2 dir=$3 code=0
  shift 3
  (cd "$dir" && pre-commit run "$@") >"$tmp/out" 2>&1 || code=$?
  if [ "$code" -ne "$want" ]; then
    fail "$name: exit $code, want $want; output:"
    sed 's/^/    /' "$tmp/out" >&2
    return 1
  fi
  pass "$name (exit $code)"
}
has() {
  if ! grep -qF -- "$2" "$tmp/out"; then
    fail "$1: output lacks \"$2\"; output:"
    sed 's/^/    /' "$tmp/out" >&2
  fi
}

echo "== build the hooks from $repo at $rev"
mkdir "$tmp/install"
write_config "$tmp/install"
git -C "$tmp/install" init -q
start=$SECONDS
if ! (cd "$tmp/install" && pre-commit install-hooks) >"$tmp/out" 2>&1; then
  fail "pre-commit install-hooks:"
  sed 's/^/    /' "$tmp/out" >&2
  exit 1
fi
pass "pre-commit install-hooks built wranglint in $((SECONDS - start)) s"

echo "== hook wranglint"
make_repo "$tmp/mistake" mistake
hook "wranglint, client staged, the mistake" 1 "$tmp/mistake" wranglint &&
  has "wranglint, the mistake" "[binding-name-case-mismatch]"
hook "wranglint --all-files, the mistake" 1 "$tmp/mistake" wranglint --all-files &&
  has "wranglint --all-files" "[binding-name-case-mismatch]"

make_repo "$tmp/clean" clean
# A staged script outside every Worker project is fine too.
mkdir -p "$tmp/clean/tools"
echo 'console.log("not a Worker");' >"$tmp/clean/tools/gen.mjs"
git -C "$tmp/clean" add tools/gen.mjs
hook "wranglint, client staged, the clean project" 0 "$tmp/clean" wranglint || true
hook "wranglint --all-files, the clean project" 0 "$tmp/clean" wranglint --all-files || true

echo "== hook wranglint-fix"
# pre-commit fails a hook that changes files even when it exits 0; the hook
# itself must exit 1 too (--exit-non-zero-on-fix), which pre-commit reports.
hook "wranglint-fix, the mistake" 1 "$tmp/mistake" wranglint-fix &&
  has "wranglint-fix" "files were modified by this hook" &&
  has "wranglint-fix exit code" "exit code: 1"
if grep -q 'agent: "CoderAgent"' "$tmp/mistake/apps/coder/src/client.tsx"; then
  pass "wranglint-fix rewrote the client to useAgent({ agent: \"CoderAgent\" })"
else
  fail "wranglint-fix did not rewrite apps/coder/src/client.tsx:"
  git -C "$tmp/mistake" diff >&2
fi
git -C "$tmp/mistake" add -u
hook "wranglint-fix, the fix staged" 0 "$tmp/mistake" wranglint-fix || true
hook "wranglint, the fix staged" 0 "$tmp/mistake" wranglint || true
hook "wranglint-fix, the clean project" 0 "$tmp/clean" wranglint-fix || true

if [ "$failures" -ne 0 ]; then
  echo "pre-commit hooks: $failures failure(s)" >&2
  exit 1
fi
echo "pre-commit hooks: all checks passed"
