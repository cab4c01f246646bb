package lint

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/wranglint/wranglint/lint/project"
)

// nameRule reports every config's "name" key; wordRule reports every
// config's "compatibility_date" key. Both stand in for real rules.
var (
	nameRule = &Rule{ID: "name-rule", Severity: SeverityError, Run: func(p *Pass) {
		for _, w := range p.Project.Workers {
			if m := w.Config.Root.Member("name"); m != nil {
				p.Report(m.KeySpan, nil, "the name")
			}
		}
	}}
	dateRule = &Rule{ID: "date-rule", Severity: SeverityWarning, Run: func(p *Pass) {
		for _, w := range p.Project.Workers {
			if m := w.Config.Root.Member("compatibility_date"); m != nil {
				p.Report(m.KeySpan, nil, "the date")
			}
		}
	}}
)

// project writes files (slash paths) below a new folder holding .git.
func writeProject(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	files[".git/HEAD"] = "ref: refs/heads/main\n"
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// findings lints dir and returns "file:line rule severity" for each finding.
// settingsOptions are what the command line says about settings.
type settingsOptions struct {
	Options
	ConfigFile string
}

func findings(t *testing.T, dir string, opts settingsOptions) ([]string, int) {
	t.Helper()
	p := project.Load(project.LoadOptions{Paths: []string{dir}, WorkDir: dir, ConfigOnly: true, SettingsFile: opts.ConfigFile})
	if opts.Options.Select == nil && opts.Options.Ignore == nil && !opts.RequireReason {
		opts.MaxWarnings = -1
	}
	out := Run(p, []*Rule{nameRule, dateRule}, opts.Options)
	var got []string
	for _, d := range out.Diagnostics {
		got = append(got, fmt.Sprintf("%s:%02d %s %s", d.Span.File.Rel, d.Span.StartPos().Line, d.Rule, d.Severity))
	}
	return got, out.ExitCode
}

const twoKeys = "{\n  \"name\": \"a\",\n  \"compatibility_date\": \"2025-01-01\"\n}\n"

func TestSettingsLevelsIgnoreAndNearest(t *testing.T) {
	dir := writeProject(t, map[string]string{
		".wranglint.jsonc":            `{"rules": {"name-rule": "info", "date-rule": "off"}, "ignore": ["old/**"]}`,
		"wrangler.jsonc":              twoKeys,
		"old/wrangler.jsonc":          twoKeys,
		"apps/x/.wranglint.jsonc":     `{"rules": {"date-rule": "error"}}`,
		"apps/x/wrangler.jsonc":       twoKeys,
		"apps/x/sub/other/notes.txt":  "",
		"apps/y/wrangler.jsonc":       "// wranglint-disable-next-line date-rule -- decided\n" + twoKeys,
		"apps/y/deeper/wrangler.toml": "# wranglint-disable name-rule -- generated\nname = \"b\"\n",
	})
	got, code := findings(t, dir, settingsOptions{})
	want := []string{
		"apps/x/wrangler.jsonc:02 name-rule error",
		"apps/x/wrangler.jsonc:03 date-rule error",
		"apps/y/wrangler.jsonc:03 name-rule info",
		"wrangler.jsonc:02 name-rule info",
	}
	if !slices.Equal(got, want) || code != 1 {
		t.Errorf("got %q (exit %d)\nwant %q (exit 1)", got, code, want)
	}
}

func TestSelectIgnoreAndUnused(t *testing.T) {
	dir := writeProject(t, map[string]string{
		"wrangler.jsonc": "{\n  // wranglint-disable-next-line name-rule -- ok\n  \"name\": \"a\",\n  // wranglint-disable-next-line date-rule\n  \"other\": 1,\n  \"compatibility_date\": \"2025-01-01\"\n}\n",
	})
	cases := []struct {
		opts Options
		want []string
		code int
	}{
		{Options{MaxWarnings: -1}, []string{"wrangler.jsonc:04 unused-suppression warning", "wrangler.jsonc:06 date-rule warning"}, 0},
		// a suppression of a rule that did not run is not judged
		{Options{Select: []string{"name-rule"}, MaxWarnings: -1}, nil, 0},
		{Options{Select: []string{"date-rule", "unused-suppression"}, MaxWarnings: -1}, []string{"wrangler.jsonc:04 unused-suppression warning", "wrangler.jsonc:06 date-rule warning"}, 0},
		{Options{Ignore: []string{"unused-suppression"}, MaxWarnings: -1}, []string{"wrangler.jsonc:06 date-rule warning"}, 0},
		{Options{Ignore: []string{"date-rule"}, MaxWarnings: -1}, nil, 0},
		{Options{RequireReason: true, MaxWarnings: -1}, []string{"wrangler.jsonc:04 invalid-suppression error", "wrangler.jsonc:04 unused-suppression warning", "wrangler.jsonc:06 date-rule warning"}, 1},
		// --max-warnings: one warning is one too many for 0
		{Options{Ignore: []string{"unused-suppression"}, MaxWarnings: 0}, []string{"wrangler.jsonc:06 date-rule warning"}, 1},
		// --exit-zero: findings, errors included, do not fail the run
		{Options{RequireReason: true, MaxWarnings: 0, ExitZero: true}, []string{"wrangler.jsonc:04 invalid-suppression error", "wrangler.jsonc:04 unused-suppression warning", "wrangler.jsonc:06 date-rule warning"}, 0},
	}
	for _, c := range cases {
		if got, code := findings(t, dir, settingsOptions{Options: c.opts}); !slices.Equal(got, c.want) || code != c.code {
			t.Errorf("%+v: got %q (exit %d), want %q (exit %d)", c.opts, got, code, c.want, c.code)
		}
	}
}

func TestConfigFileOverridesAndInvalidSettingsExit2(t *testing.T) {
	dir := writeProject(t, map[string]string{
		".wranglint.jsonc": `{"rules": {"name-rule": "off"}}`,
		"ci.jsonc":         `{"rules": {"date-rule": "error", "nmae-rule": "off"}}`,
		"wrangler.jsonc":   twoKeys,
	})
	got, code := findings(t, dir, settingsOptions{Options: DefaultOptions(), ConfigFile: filepath.Join(dir, "ci.jsonc")})
	want := []string{"ci.jsonc:01 invalid-settings error", "wrangler.jsonc:02 name-rule error", "wrangler.jsonc:03 date-rule error"}
	if !slices.Equal(got, want) || code != 2 {
		t.Errorf("got %q (exit %d), want %q (exit 2)", got, code, want)
	}
	// --exit-zero does not hide a run that could not do its job
	if _, code := findings(t, dir, settingsOptions{Options: Options{MaxWarnings: -1, ExitZero: true}, ConfigFile: filepath.Join(dir, "ci.jsonc")}); code != 2 {
		t.Errorf("invalid settings with --exit-zero: exit %d, want 2", code)
	}
}

// With staged file names as arguments, the whole repository is loaded for
// routing, but only findings about those files' projects are reported.
func TestFileArgumentsReportTheirProjects(t *testing.T) {
	dir := writeProject(t, map[string]string{
		"apps/a/wrangler.jsonc":   twoKeys,
		"apps/a/src/x.ts":         "export {}\n",
		"apps/b/wrangler.jsonc":   twoKeys,
		"apps/b/notes.md":         "",
		"apps/b/.wranglint.jsonc": `{"bad": 1}`,
	})
	for arg, want := range map[string][]string{
		"apps/a/src/x.ts": {"apps/a/wrangler.jsonc:02 name-rule error", "apps/a/wrangler.jsonc:03 date-rule warning"},
		"apps/b/notes.md": {"apps/b/.wranglint.jsonc:01 invalid-settings error", "apps/b/wrangler.jsonc:02 name-rule error", "apps/b/wrangler.jsonc:03 date-rule warning"},
	} {
		p := project.Load(project.LoadOptions{Paths: []string{filepath.Join(dir, arg)}, WorkDir: dir, ConfigOnly: true})
		var got []string
		for _, d := range Run(p, []*Rule{nameRule, dateRule}, DefaultOptions()).Diagnostics {
			got = append(got, fmt.Sprintf("%s:%02d %s %s", d.Span.File.Rel, d.Span.StartPos().Line, d.Rule, d.Severity))
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s: got %q, want %q", arg, got, want)
		}
	}
}
