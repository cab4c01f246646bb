package main

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"

	"github.com/spf13/pflag"
	"github.com/wranglint/wranglint/lint"
	"github.com/wranglint/wranglint/lint/report"
	"github.com/wranglint/wranglint/lint/source"
	"github.com/wranglint/wranglint/rules"
)

// ciOptions are the flags for CI and pre-commit: which findings count,
// and which settings file decides.
type ciOptions struct {
	maxWarnings   int // -1: any number
	selectIDs     []string
	ignoreIDs     []string
	config        string
	requireReason bool
	exitZero      bool
}

func addCIFlags(fl *pflag.FlagSet, o *ciOptions) {
	fl.IntVar(&o.maxWarnings, "max-warnings", -1, "exit 1 when there are more than N warnings (-1: any number)")
	fl.StringSliceVar(&o.selectIDs, "select", nil, "report only these rules (comma-separated ids)")
	fl.StringSliceVar(&o.ignoreIDs, "ignore", nil, "do not report these rules (comma-separated ids)")
	fl.StringVar(&o.config, "config", "", "use this settings file for every linted file instead of the nearest .wranglint.jsonc")
	fl.BoolVar(&o.requireReason, "require-reason", false, "report suppressions without a \"-- reason\"")
	fl.BoolVar(&o.exitZero, "exit-zero", false, "exit 0 even when findings are reported (usage, I/O and syntax errors still exit 2)")
}

// checkOutput says what is wrong with the output flags together, or "".
func (f *flags) checkOutput() string {
	switch {
	case f.statistics && f.diff:
		return "--statistics counts findings and --diff prints the fixes' diff: choose one"
	case f.statistics:
		return report.CheckStatisticsFormat(f.format)
	case f.watch && (f.fix || f.diff):
		return "--watch does not go with --fix or --diff: fixing on every save would fight the editor; run --fix when you choose"
	case f.ci.exitZero && f.exitOnFix:
		return "--exit-zero and --exit-non-zero-on-fix ask for opposite exit codes: choose one"
	}
	return ""
}

// check says what is wrong with the flags together, or "".
func (o *ciOptions) check(f *flags) string {
	switch {
	case f.unsafeFixes && !f.fix && !f.diff:
		return "--unsafe-fixes only chooses which fixes --fix or --diff apply, and neither is given: add --fix (or --diff to preview)"
	case f.exitOnFix && !f.fix && !f.diff:
		return "--exit-non-zero-on-fix is about files --fix changes, and --fix is not given: add --fix"
	case o.maxWarnings < -1:
		return fmt.Sprintf("--max-warnings %d is negative: give a count, or -1 for any number", o.maxWarnings)
	}
	if msg := checkRuleIDs("--select", o.selectIDs); msg != "" {
		return msg
	}
	if msg := checkRuleIDs("--ignore", o.ignoreIDs); msg != "" {
		return msg
	}
	if o.config != "" {
		if info, err := os.Stat(o.config); err != nil || info.IsDir() {
			return fmt.Sprintf("--config %s: no such settings file; give the path of a .wranglint.jsonc (`wranglint init` writes one)", o.config)
		}
	}
	return ""
}

// checkRuleIDs finds the first id that names no rule.
func checkRuleIDs(flag string, ids []string) string {
	known := []string{lint.UnusedSuppressionRule}
	for _, r := range rules.All() {
		known = append(known, r.ID)
	}
	for _, id := range ids {
		if id = strings.TrimSpace(id); contains(known, id) {
			continue
		}
		msg := fmt.Sprintf("%s: no rule %q", flag, id)
		if near := source.Closest(id, known, 6); near != "" {
			msg += fmt.Sprintf(" (did you mean %q?)", near)
		}
		return msg + "; `wranglint rules` lists them all"
	}
	return ""
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// settingsFile is --config as an absolute path ("" when not given).
func (o *ciOptions) settingsFile() string {
	if o.config == "" {
		return ""
	}
	cfg, _ := filepath.Abs(o.config)
	return cfg
}

// lintOptions are the options the driver applies.
func (o *ciOptions) lintOptions() lint.Options {
	trim := func(ids []string) []string {
		var out []string
		for _, id := range ids {
			out = append(out, strings.TrimSpace(id))
		}
		return out
	}
	return lint.Options{Select: trim(o.selectIDs), Ignore: trim(o.ignoreIDs), RequireReason: o.requireReason, MaxWarnings: o.maxWarnings, ExitZero: o.exitZero}
}

// versionString is the version set with -ldflags "-X main.version=...",
// else the module version `go install` records, with the commit when the
// build knows it; "dev" for a plain build without either.
func versionString(ldflags string, info *debug.BuildInfo) string {
	if ldflags != "" {
		return ldflags
	}
	if info == nil {
		return "dev"
	}
	v := info.Main.Version
	if v == "" || v == "(devel)" {
		v = "dev"
	}
	rev, modified := "", false
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			modified = s.Value == "true"
		}
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	if rev == "" || strings.Contains(v, rev) {
		return v
	}
	if modified {
		rev += ", modified"
	}
	return v + " (" + rev + ")"
}
