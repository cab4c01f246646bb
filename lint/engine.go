package lint

import "github.com/wranglint/wranglint/lint/project"

// Findings the engine makes itself, whatever rules run. They are rules
// like the others for explain, the rule list and SARIF, but no Registry
// holds them and settings cannot turn them off (but unused-suppression).
const (
	// SyntaxErrorRule: a config or source file cannot be parsed.
	SyntaxErrorRule = project.SyntaxError
	// IOErrorRule: a path cannot be read, or nothing to lint was found.
	IOErrorRule = project.IOError
	// InternalErrorRule: wranglint itself failed (a bug).
	InternalErrorRule = "internal-error"
	// InvalidSettingsRule: an unknown key or a bad value in
	// .wranglint.jsonc (exit code 2, like a syntax error).
	InvalidSettingsRule = "invalid-settings"
	// InvalidSuppressionRule: a suppression naming an unknown rule, a
	// misplaced file-wide one, or (with --require-reason) one without a
	// reason.
	InvalidSuppressionRule = "invalid-suppression"
	// UnusedSuppressionRule: a suppression that suppresses nothing.
	UnusedSuppressionRule = "unused-suppression"
)

// EngineRules documents the findings the engine makes itself.
func EngineRules() []*Rule { return engineRules }

var engineRules = []*Rule{
	{ID: SyntaxErrorRule, Severity: SeverityError, Doc: Doc{
		Summary: "a config or source file cannot be parsed",
		Why:     "Wrangler and the bundler refuse the file, and wranglint cannot check what it cannot read; the exit code is 2.",
	}},
	{ID: IOErrorRule, Severity: SeverityError, Doc: Doc{
		Summary: "a path cannot be read, is not what it should be (a folder named like a config, a FIFO), or holds no Worker to lint",
		Why:     "wranglint cannot check what it cannot read, and a run that checked nothing must not pass silently; the exit code is 2.",
	}},
	{ID: InternalErrorRule, Severity: SeverityError, Doc: Doc{
		Summary: "wranglint itself failed",
		Why:     "A bug in wranglint, not in the project: the run could not finish its job, so the exit code is 2 and nothing is written. Please report it with the message.",
	}},
	{ID: InvalidSettingsRule, Severity: SeverityError, Doc: Doc{
		Summary: "`.wranglint.jsonc` has an unknown key, an unknown rule or a bad value",
		Why:     "A misspelt setting would be silently ignored, so a rule meant to be off stays on (or the reverse); the exit code is 2, and the valid settings still apply.",
	}},
	{ID: InvalidSuppressionRule, Severity: SeverityError, Doc: Doc{
		Summary: "a `wranglint-disable` comment names an unknown rule or directive, comes after code, or (with `--require-reason`) gives no reason",
		Why:     "A suppression that names a misspelt rule suppresses nothing, and one without a reason leaves the next reader guessing why the finding was wrong.",
	}},
	{ID: UnusedSuppressionRule, Severity: SeverityWarning, Doc: Doc{
		Summary: "a `wranglint-disable` comment suppresses nothing",
		Why:     "The problem it silenced is gone (or never was): the stale comment would hide the same finding if it came back. Remove the rule id, or the whole comment. Can be set to \"off\" in `.wranglint.jsonc`.",
	}},
}

// EngineRule returns the engine's rule with the given id, or nil.
func EngineRule(id string) *Rule {
	for _, r := range engineRules {
		if r.ID == id {
			return r
		}
	}
	return nil
}

func isEngineRule(id string) bool { return EngineRule(id) != nil }

// failsRun: findings that mean the run could not do its job (exit 2).
func failsRun(rule string) bool {
	switch rule {
	case SyntaxErrorRule, IOErrorRule, InternalErrorRule, InvalidSettingsRule:
		return true
	}
	return false
}
