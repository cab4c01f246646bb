#!/usr/bin/env bash
# Tests action.yml, the GitHub Action: parses it (PyYAML), checks its inputs,
# outputs and steps, then runs its shell steps here the way a runner does
# (`bash --noprofile --norc -eo pipefail`, the inputs in the environment,
# GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files):
#   - resolve: the version from the action's ref (v1.2.3, the moving v1 tag
#     against a releases list, a branch -> source) and from the input;
#   - download: a release archive built here by scripts/release.sh for this
#     platform, served from a file:// URL, its SHA-256 verified (a tampered
#     archive is refused);
#   - build: the from-source fallback for unreleased commits;
#   - run: lints testdata/coderagent in several formats, working-directory,
#     fail-on-error, the SARIF file for code scanning and the job summary.
# The steps that use other actions (actions/cache, actions/setup-go,
# github/codeql-action/upload-sarif) are checked by structure only. Skipped
# (exit 0) when python3 with PyYAML is absent.
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
# Checks the structure; writes the bash of each shell step to $tmp/<id>.sh.
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
for name, default in (("version", ""), ("paths", "."), ("working-directory", "."), ("format", "github"),
                      ("args", ""), ("output-file", ""), ("fail-on-error", "true"), ("sarif-upload", "false"),
                      ("summary", "true"), ("releases-url", "https://github.com/wranglint/wranglint/releases/download")):
    want(name in inputs, "no input " + name)
    if name in inputs:
        want(str(inputs[name].get("default")) == default,
             "input %s: default %r, want %r" % (name, inputs[name].get("default"), default))
        want(bool(inputs[name].get("description")), "input %s: no description" % name)
outputs = action.get("outputs", {})
for name, source in (("exit-code", "steps.run.outputs.exit-code"), ("version", "steps.resolve.outputs.version")):
    want(source in str(outputs.get(name, {}).get("value")), "output %s does not come from %s" % (name, source))
runs = action.get("runs", {})
want(runs.get("using") == "composite", "runs.using is not composite")
steps = {}
uses = {}
for step in runs.get("steps", []):
    if "run" in step:
        want(step.get("shell") == "bash", "step %s: shell is not bash" % step.get("name"))
        # Inputs reach scripts through env only (no ${{ }} in the script: no injection).
        want("${{" not in step["run"], "step %s: ${{ }} inside run" % step.get("name"))
    if "uses" in step:
        want("@v" in step["uses"], "step %s: uses without a version tag" % step.get("name"))
        uses[step["uses"].split("@")[0]] = step
    if "id" in step:
        steps[step["id"]] = step
for sid in ("resolve", "download", "build", "run"):
    want(sid in steps and "run" in steps[sid], "no shell step with id " + sid)
    if sid in steps and "run" in steps[sid]:
        with open("%s/%s.sh" % (out, sid), "w") as f:
            f.write(steps[sid]["run"])
# What runs when: a release is cached and downloaded, Go only for source.
cond = lambda s: str((s or {}).get("if", ""))
want("version != 'source'" in cond(uses.get("actions/cache")), "actions/cache runs for releases only")
want("cache-hit != 'true'" in cond(steps.get("download")), "the download is skipped on a cache hit")
want("version == 'source'" in cond(uses.get("actions/setup-go")), "actions/setup-go runs for version source only")
want("version == 'source'" in cond(steps.get("build")), "the build runs for version source only")
want("sarif-upload == 'true'" in cond(uses.get("github/codeql-action/upload-sarif")) and "always()" in cond(uses.get("github/codeql-action/upload-sarif")),
     "upload-sarif runs when sarif-upload is true, even after findings failed the step")
want(steps.get("run", {}).get("working-directory") == "${{ inputs.working-directory }}", "the run step honours working-directory")
if problems:
    for p in problems:
        print("action.yml: " + p, file=sys.stderr)
    sys.exit(1)
EOF
  fail "action.yml is malformed (above)"
  exit 1
fi
pass "action.yml parses: its inputs, outputs, steps and their conditions"

# runner-like environment
export RUNNER_TEMP="$tmp/runner-temp" RUNNER_TOOL_CACHE="$tmp/tool-cache" RUNNER_OS=Linux RUNNER_ARCH=X64
export GITHUB_ACTION_PATH="$root" GITHUB_ACTION_REPOSITORY=wranglint/wranglint
mkdir -p "$RUNNER_TEMP" "$RUNNER_TOOL_CACHE"
step() { # step NAME ENV...: runs the step NAME's bash with ENV, its log in $tmp/out
  local name=$1
  shift
  : >"$tmp/github-output"
  env GITHUB_OUTPUT="$tmp/github-output" "$@" \
    bash --noprofile --norc -eo pipefail "$tmp/$name.sh" >"$tmp/out" 2>&1
}
output() { sed -n "s/^$1=//p" "$tmp/github-output" | tail -n 1; }
has() {
  if ! grep -qF -- "$2" "$3"; then
    fail "$1: \"$2\" not in $3:"; sed 's/^/    /' "$3" >&2
  fi
}

echo "== step resolve"
# A releases list as the API gives it: v1.10.2 is the newest 1.x (not
# v1.4.0: numbers compare as numbers), v2.0.0-rc.1 a pre-release.
export GITHUB_API_URL="file://$tmp/api"
mkdir -p "$tmp/api/repos/wranglint/wranglint"
printf '[{"tag_name": "v2.0.0-rc.1"}, {"tag_name":"v1.4.0"}, {"tag_name": "v1.10.2"}, {"tag_name": "v0.9.0"}]\n' \
  >"$tmp/api/repos/wranglint/wranglint/releases"
resolve() { # resolve REF INPUT WANT
  if step resolve ACTION_REF="$1" INPUT_VERSION="$2" && [ "$(output version)" = "$3" ]; then
    pass "ref \"$1\", version \"$2\" -> $3"
  else
    fail "ref \"$1\", version \"$2\": got \"$(output version)\", want $3:"; sed 's/^/    /' "$tmp/out" >&2
  fi
}
resolve v1.2.3 "" 1.2.3
resolve v1 "" 1.10.2
resolve v0 "" 0.9.0
resolve main "" source
resolve 0123456789abcdef0123456789abcdef01234567 "" source
resolve v1 latest 1.10.2
resolve main v0.0.7 0.0.7
resolve v1 source source
if step resolve ACTION_REF=v1 INPUT_VERSION=one; then
  fail "version \"one\" was accepted"
else
  has "a bad version" 'version "one" is not a release' "$tmp/out"
fi
step resolve ACTION_REF=v1 INPUT_VERSION=
[ "$(output os)/$(output arch)" = linux/amd64 ] && pass "runner Linux X64 -> linux/amd64" || fail "os/arch $(output os)/$(output arch)"
if step resolve ACTION_REF=v7 INPUT_VERSION=; then
  fail "a major tag with no release was accepted"
else
  has "no release for v7" "no release matches the action's ref v7" "$tmp/out"
fi

echo "== step download (a release archive built here, served from file://)"
version=0.0.0-action.1
RELEASE_TARGETS=linux/amd64 "$root/scripts/release.sh" "$version" "$tmp/releases/v$version" 2>"$tmp/release.log" ||
  { fail "release.sh:"; cat "$tmp/release.log" >&2; exit 1; }
dir="$RUNNER_TOOL_CACHE/wranglint/$version-linux-amd64"
if step download VERSION="$version" OS=linux ARCH=amd64 DIR="$dir" RELEASES_URL="file://$tmp/releases" &&
  [ -x "$dir/wranglint" ] && "$dir/wranglint" version | grep -q "wranglint $version"; then
  pass "downloaded, verified and unpacked $($dir/wranglint version)"
  has "the checksum is verified" "SHA-256 verified" "$tmp/out"
else
  fail "download:"; sed 's/^/    /' "$tmp/out" >&2
  exit 1
fi
# A tampered archive (one byte appended) is refused and not unpacked.
cp -R "$tmp/releases" "$tmp/tampered"
printf x >>"$tmp/tampered/v$version/wranglint_${version}_linux_amd64.tar.gz"
if step download VERSION="$version" OS=linux ARCH=amd64 DIR="$tmp/tampered-dir" RELEASES_URL="file://$tmp/tampered"; then
  fail "a tampered archive was accepted"
elif [ -e "$tmp/tampered-dir/wranglint" ]; then
  fail "a tampered archive was unpacked"
else
  has "tampered" "lists" "$tmp/out"
  pass "a tampered archive is refused"
fi

echo "== step build (version source: an unreleased commit)"
srcdir="$RUNNER_TOOL_CACHE/wranglint/source-linux-amd64"
if step build DIR="$srcdir" ACTION_REF=main && "$srcdir/wranglint" version | grep -q "source-main"; then
  pass "built from the checkout: $("$srcdir/wranglint" version)"
else
  fail "build:"; sed 's/^/    /' "$tmp/out" >&2
fi

# run_step NAME WANT_STEP_CODE WANT_EXIT_CODE ENV...
run_step() {
  local name=$1 want_step=$2 want_code=$3 code=0
  shift 3
  : >"$tmp/summary.md"
  (cd "${WD:-$root}" && step run DIR="$dir" INPUT_PATHS= INPUT_FORMAT= INPUT_ARGS= INPUT_OUTPUT_FILE= \
    INPUT_FAIL_ON_ERROR=true INPUT_SARIF_UPLOAD=false INPUT_SUMMARY=true GITHUB_STEP_SUMMARY="$tmp/summary.md" "$@") || code=$?
  if [ "$code" -ne "$want_step" ] || [ "$(output exit-code)" != "$want_code" ]; then
    fail "$name: step exit $code (want $want_step), exit-code output \"$(output exit-code)\" (want $want_code); log:"
    sed 's/^/    /' "$tmp/out" >&2
    return 1
  fi
  pass "$name: step exit $code, exit-code=$want_code"
}

echo "== step run"
run_step "the CoderAgent sample" 1 1 INPUT_PATHS=testdata/coderagent INPUT_FORMAT=text &&
  has "text report" "[binding-name-case-mismatch]" "$tmp/out" &&
  has "job summary" "| [\`binding-name-case-mismatch\`](https://github.com/wranglint/wranglint/blob/main/docs/rules/binding-name-case-mismatch.md) | error | 1 | 1 |" "$tmp/summary.md"
run_step "two paths on two lines, JSON to a file, fail-on-error false" 0 1 \
  INPUT_PATHS=$'testdata/coderagent\ntestdata/coderagent/wrangler.jsonc' INPUT_FORMAT=json \
  INPUT_OUTPUT_FILE="$tmp/report.json" INPUT_FAIL_ON_ERROR=false &&
  has "JSON report" '"rule": "binding-name-case-mismatch"' "$tmp/report.json"
WD="$root/testdata" run_step "working-directory: paths and file names relative to it" 1 1 \
  INPUT_PATHS=coderagent INPUT_FORMAT=github &&
  has "github annotations" "::error file=coderagent/wrangler.jsonc,line=11,col=17" "$tmp/out"
run_step "extra args (--diff): no summary, no SARIF" 1 1 INPUT_PATHS=testdata/coderagent INPUT_ARGS="--diff --color never" INPUT_SARIF_UPLOAD=true &&
  has "--diff" '+  const agent = useAgent({ agent: "CoderAgent"' "$tmp/out"
if [ -s "$tmp/summary.md" ] || [ -n "$(output sarif-file)" ]; then fail "--diff wrote a summary or SARIF"; fi
run_step "usage error fails even with fail-on-error false" 2 2 INPUT_ARGS=--no-such-flag INPUT_FAIL_ON_ERROR=false || true
run_step "the default format, github, and SARIF for code scanning" 1 1 INPUT_PATHS=testdata/coderagent INPUT_FORMAT=github INPUT_SARIF_UPLOAD=true &&
  has "github annotations" "::error file=testdata/coderagent/wrangler.jsonc,line=11,col=17" "$tmp/out" &&
  has "SARIF" '"ruleId": "binding-name-case-mismatch"' "$(output sarif-file)"
run_step "a clean project: the summary says so" 0 0 INPUT_PATHS=testdata/cases/lookalikes-not-flagged INPUT_FORMAT=text &&
  has "clean summary" "No problems found." "$tmp/summary.md"

if [ "$failures" -ne 0 ]; then
  echo "action.yml: $failures failure(s)" >&2
  exit 1
fi
echo "action.yml: all checks passed"
