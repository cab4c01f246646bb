#!/usr/bin/env bash
# Tests action.yml, the GitHub Action: parses it (PyYAML), checks its inputs,
# outputs and steps, then runs its two shell steps here the way a runner does
# (`bash --noprofile --norc -eo pipefail`, the inputs in the environment,
# GITHUB_OUTPUT a file): the install step builds wranglint from this checkout,
# the run step lints testdata/coderagent. Skipped (exit 0) when python3 with
# PyYAML is absent. The actions/setup-go step is not run (Go is here already).
#
# usage: scripts/test-action.sh
set -euo pipefail

if ! command -v python3 >/dev/null || ! python3 -c 'import yaml' 2>/dev/null; then
  echo "skipped: python3 with PyYAML (import yaml) not installed"
  exit 0
fi
command -v go >/dev/null || PATH="/usr/local/go/bin:$PATH"

root=$(cd "$(dirname "$0")/.." && pwd)
unset GITHUB_ACTIONS # the checks choose their formats
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
pass() { echo "ok: $*"; }

echo "== action.yml"
# Checks the structure; writes the bash of the steps "install" and "run".
if ! python3 - "$root/action.yml" "$tmp" <<'EOF'; then
import sys, yaml

path, out = sys.argv[1], sys.argv[2]
with open(path) as f:
    action = yaml.safe_load(f)
problems = []
def want(cond, msg):
    if not cond:
        problems.append(msg)

want(isinstance(action, dict), "not a mapping")
for key in ("name", "description", "inputs", "outputs", "runs"):
    want(key in action, "no " + key)
inputs = action.get("inputs", {})
for name, default in (("paths", "."), ("format", "github"), ("version", ""), ("args", "")):
    want(name in inputs, "no input " + name)
    if name in inputs:
        want(str(inputs[name].get("default")) == default,
             "input %s: default %r, want %r" % (name, inputs[name].get("default"), default))
        want(bool(inputs[name].get("description")), "input %s: no description" % name)
want("exit-code" in action.get("outputs", {}), "no output exit-code")
want("steps.run.outputs.exit-code" in str(action.get("outputs", {}).get("exit-code", {}).get("value")),
     "output exit-code does not come from the step run")
runs = action.get("runs", {})
want(runs.get("using") == "composite", "runs.using is not composite")
steps = {}
for step in runs.get("steps", []):
    if "run" in step:
        want(step.get("shell") == "bash", "step %s: shell is not bash" % step.get("name"))
        # Inputs reach scripts through env only (no ${{ }} in the script: no injection).
        want("${{" not in step["run"], "step %s: ${{ }} inside run" % step.get("name"))
    if "uses" in step:
        want("@" in step["uses"], "step %s: uses without a version" % step.get("name"))
    if "id" in step:
        steps[step["id"]] = step
for sid in ("install", "run"):
    want(sid in steps and "run" in steps[sid], "no shell step with id " + sid)
    if sid in steps and "run" in steps[sid]:
        with open("%s/%s.sh" % (out, sid), "w") as f:
            f.write(steps[sid]["run"])
if problems:
    for p in problems:
        print("action.yml: " + p, file=sys.stderr)
    sys.exit(1)
EOF
  fail "action.yml is malformed (above)"
  exit 1
fi
pass "action.yml parses: inputs paths, format, version, args; output exit-code; composite bash steps"

# runner-like environment
export RUNNER_TEMP="$tmp/runner-temp" RUNNER_OS=Linux GITHUB_ACTION_PATH="$root"
mkdir -p "$RUNNER_TEMP"
step() { # step NAME ENV...: runs the step NAME's bash with ENV, outputs in $tmp/NAME.out
  local name=$1
  shift
  : >"$tmp/github-output"
  env GITHUB_OUTPUT="$tmp/github-output" "$@" \
    bash --noprofile --norc -eo pipefail "$tmp/$name.sh" >"$tmp/out" 2>&1
}
output() { sed -n "s/^$1=//p" "$tmp/github-output" | tail -n 1; }

echo "== step install (version empty: build from the checkout)"
if ! step install ACTION_REF=v0.0.0-action WRANGLINT_VERSION=; then
  fail "install step:"; sed 's/^/    /' "$tmp/out" >&2
  exit 1
fi
wranglint=$(output path)
if [ -x "$wranglint" ] && "$wranglint" version | grep -q "v0.0.0-action"; then
  pass "install built $wranglint ($("$wranglint" version))"
else
  fail "install: no wranglint with the action's version at \"$wranglint\""; sed 's/^/    /' "$tmp/out" >&2
  exit 1
fi

# run_step NAME WANT_STEP_CODE WANT_EXIT_CODE ENV...
run_step() {
  local name=$1 want_step=$2 want_code=$3 code=0
  shift 3
  (cd "$root" && step run WRANGLINT="$wranglint" INPUT_PATHS= INPUT_FORMAT= INPUT_ARGS= \
    INPUT_OUTPUT_FILE= INPUT_FAIL_ON_ERROR=true "$@") || code=$?
  if [ "$code" -ne "$want_step" ] || [ "$(output exit-code)" != "$want_code" ]; then
    fail "$name: step exit $code (want $want_step), exit-code output \"$(output exit-code)\" (want $want_code); log:"
    sed 's/^/    /' "$tmp/out" >&2
    return 1
  fi
  pass "$name: step exit $code, exit-code=$want_code"
}
has() {
  if ! grep -qF -- "$2" "$3"; then
    fail "$1: \"$2\" not in $3:"; sed 's/^/    /' "$3" >&2
  fi
}

echo "== step run"
run_step "the CoderAgent sample" 1 1 INPUT_PATHS=testdata/coderagent INPUT_FORMAT=text &&
  has "text report" "[binding-name-case-mismatch]" "$tmp/out"
run_step "two paths on two lines, JSON to a file, fail-on-error false" 0 1 \
  INPUT_PATHS=$'testdata/coderagent\ntestdata/coderagent/wrangler.jsonc' INPUT_FORMAT=json \
  INPUT_OUTPUT_FILE="$tmp/report.json" INPUT_FAIL_ON_ERROR=false &&
  has "JSON report" '"rule": "binding-name-case-mismatch"' "$tmp/report.json"
run_step "extra args (--diff)" 1 1 INPUT_PATHS=testdata/coderagent INPUT_ARGS="--diff --color never" &&
  has "--diff" '+  const agent = useAgent({ agent: "CoderAgent"' "$tmp/out"
run_step "usage error fails even with fail-on-error false" 2 2 INPUT_ARGS=--no-such-flag INPUT_FAIL_ON_ERROR=false || true

run_step "the default format, github" 1 1 INPUT_PATHS=testdata/coderagent INPUT_FORMAT=github &&
  has "github annotations" "::error file=testdata/coderagent/wrangler.jsonc,line=11,col=17" "$tmp/out"
run_step "SARIF to a file, fail-on-error false (the code scanning example)" 0 1 \
  INPUT_PATHS=testdata/coderagent INPUT_FORMAT=sarif INPUT_OUTPUT_FILE="$tmp/wranglint.sarif" \
  INPUT_FAIL_ON_ERROR=false &&
  has "SARIF" '"ruleId": "binding-name-case-mismatch"' "$tmp/wranglint.sarif"

if [ "$failures" -ne 0 ]; then
  echo "action.yml: $failures failure(s)" >&2
  exit 1
fi
echo "action.yml: all checks passed"
