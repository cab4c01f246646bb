package report

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"strconv"

	"github.com/wranglint/wranglint/lint"
)

// GitLab Code Quality (the subset of the Code Climate issue format that
// GitLab reads, https://docs.gitlab.com/ci/testing/code_quality/): a JSON
// array of issues with description, check_name, fingerprint, severity
// and location.path / location.lines.begin.

type gitlabIssue struct {
	Description string         `json:"description"`
	CheckName   string         `json:"check_name"`
	Fingerprint string         `json:"fingerprint"`
	Severity    string         `json:"severity"`
	Location    gitlabLocation `json:"location"`
}

type gitlabLocation struct {
	Path  string      `json:"path"`
	Lines gitlabLines `json:"lines"`
}

type gitlabLines struct {
	Begin int `json:"begin"`
	End   int `json:"end,omitempty"`
}

// WriteGitLab prints findings as a GitLab Code Quality report. The
// fingerprint hashes the finding's key (what it is about, not the line it
// stands on), so GitLab sees a finding as the same one when lines move
// above it, and as fixed when it goes; findings with the same key are
// numbered to keep fingerprints unique.
func WriteGitLab(w io.Writer, ds []lint.Diagnostic) error {
	issues := []gitlabIssue{}
	seen := map[string]int{}
	for _, d := range ds {
		key := d.Key
		if key == "" {
			key = d.Rule + "\x00" + d.Span.File.Rel + "\x00" + d.Message
		}
		n := seen[key]
		seen[key]++
		if n > 0 {
			key += "\x00" + strconv.Itoa(n)
		}
		sum := sha256.Sum256([]byte(key))
		s, e := d.Span.StartPos(), d.Span.EndPos()
		lines := gitlabLines{Begin: max(s.Line, 1)}
		if e.Line > s.Line {
			lines.End = e.Line
		}
		path := d.Span.File.Rel
		if path == "" {
			path = "." // a failure of no file in particular: GitLab needs a path
		}
		issues = append(issues, gitlabIssue{
			Description: d.Message + " [" + d.Rule + "] " + lint.DocsURL(d.Rule),
			CheckName:   d.Rule,
			Fingerprint: hex.EncodeToString(sum[:16]),
			Severity:    gitlabSeverity(d.Severity),
			Location:    gitlabLocation{Path: path, Lines: lines},
		})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(issues)
}

// gitlabSeverity maps to GitLab's info, minor, major, critical, blocker.
func gitlabSeverity(s lint.Severity) string {
	switch s {
	case lint.SeverityError:
		return "major"
	case lint.SeverityWarning:
		return "minor"
	}
	return "info"
}
