package lint

import (
	"path/filepath"
	"sync"

	"github.com/wranglint/wranglint/lint/settings"
	"github.com/wranglint/wranglint/lint/source"
)

// Findings the engine makes itself, whatever rules run.
const (
	// UnusedSuppressionRule: a suppression that suppresses nothing.
	UnusedSuppressionRule = "unused-suppression"
	// InvalidSuppressionRule: a suppression naming an unknown rule, a
	// misplaced file-wide one, or (with --require-reason) one without a
	// reason.
	InvalidSuppressionRule = "invalid-suppression"
	// InvalidSettingsRule: an unknown key or a bad value in
	// .wranglint.jsonc (exit code 2, like a syntax error).
	InvalidSettingsRule = "invalid-settings"
)

// SettingsOptions is what the command line says about which findings to
// keep; it travels in LoadOptions so that --fix sees the same findings.
type SettingsOptions struct {
	// ConfigFile (--config) is the one settings file for every linted
	// file, instead of the nearest .wranglint.jsonc.
	ConfigFile string
	Select     []string // --select: only these rules (none: all)
	Ignore     []string // --ignore: not these rules
	// RequireReason (--require-reason) makes a suppression without a
	// "-- reason" a finding.
	RequireReason bool
}

// Run runs the rules over a loaded (frozen) project and returns every
// finding, the engine's own (syntax errors, suppressions, settings)
// included, sorted and without repeats, after the settings, --select,
// --ignore and inline suppressions have had their say. Rules run in
// parallel: each reads only the frozen model and writes only its own
// Pass, so a rule finds the same alone as among all. rules are all the
// rules known (suppressions and settings may name any of them);
// --select and --ignore decide which run.
func Run(p *Project, rules []*Rule) []Diagnostic {
	opts := p.Options.Settings
	active := activeRules(rules, opts)
	passes := make([]*Pass, 0, len(rules))
	var wg sync.WaitGroup
	for _, r := range rules {
		if !active[r.ID] {
			continue
		}
		pass := &Pass{Project: p, Rule: r}
		passes = append(passes, pass)
		wg.Add(1)
		go func() {
			defer wg.Done()
			r.Run(pass)
		}()
	}
	wg.Wait()
	out := append([]Diagnostic(nil), p.Problems...)
	for _, pass := range passes {
		out = append(out, pass.out...)
	}
	out = newFilter(p, rules, active).apply(dedupe(out))
	SortDiagnostics(out)
	return out
}

// activeRules are the ids that --select and --ignore leave, among the
// rules and the engine's optional finding (unused-suppression).
func activeRules(rules []*Rule, opts SettingsOptions) map[string]bool {
	selected := map[string]bool{}
	for _, id := range opts.Select {
		selected[id] = true
	}
	active := map[string]bool{}
	for _, r := range rules {
		active[r.ID] = len(selected) == 0 || selected[r.ID]
	}
	active[UnusedSuppressionRule] = len(selected) == 0 || selected[UnusedSuppressionRule]
	for _, id := range opts.Ignore {
		delete(active, id)
	}
	return active
}

// ExitCode: 2 for usage, I/O, syntax or settings errors, 1 for
// error-severity findings, 0 otherwise.
func ExitCode(p *Project, ds []Diagnostic) int {
	if len(p.Errors) > 0 {
		return 2
	}
	code := 0
	for _, d := range ds {
		if d.Rule == SyntaxErrorRule || d.Rule == InvalidSettingsRule {
			return 2
		}
		if d.Severity == SeverityError {
			code = 1
		}
	}
	return code
}

// EngineRules documents the findings Run makes itself: they are in no
// Registry, but explain, the rule list and SARIF show them like rules.
func EngineRules() []*Rule {
	return []*Rule{
		{ID: SyntaxErrorRule, Severity: SeverityError, Doc: Doc{
			Summary: "a config or source file cannot be parsed",
			Why:     "Wrangler and the bundler refuse the file, and wranglint cannot check what it cannot read; the exit code is 2.",
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
}

func isEngineRule(id string) bool {
	for _, r := range EngineRules() {
		if r.ID == id {
			return true
		}
	}
	return false
}

// filter applies the settings files, --select/--ignore and the inline
// suppressions to a run's findings, and adds the engine's findings about
// them.
type filter struct {
	p      *Project
	finder *settings.Finder
	known  map[string]bool // every rule id a suppression may name
	active map[string]bool
	opts   SettingsOptions
	// directives by file path; scanned lists every file looked at
	directives map[string][]*directive
	extra      []Diagnostic // problems with directives and settings
	scope      []string     // see findingScope
}

func newFilter(p *Project, rules []*Rule, active map[string]bool) *filter {
	known := map[string]bool{}
	for _, r := range rules {
		known[r.ID] = true
	}
	return &filter{p: p, finder: p.Settings, known: known,
		active: active, opts: p.Options.Settings, directives: map[string][]*directive{}, scope: findingScope(p)}
}

func (f *filter) apply(ds []Diagnostic) []Diagnostic {
	ds = inScope(ds, f.scope)
	f.scanDirectives(ds)
	out := make([]Diagnostic, 0, len(ds))
	for _, d := range ds {
		if d, keep := f.judge(d); keep {
			out = append(out, d)
		}
	}
	out = append(out, f.unused()...)
	for _, d := range f.extra {
		if !f.finder.ForFile(d.Span.File.Path).Ignored(d.Span.File.Path) {
			out = append(out, d)
		}
	}
	return inScope(append(out, f.settingsProblems()...), f.scope)
}

// findingScope is where findings are reported when some paths name files
// that are not configs (pre-commit's staged files): those files, the
// Worker folders they belong to, and every folder or config named; nil
// (everywhere) when no such file is named. The whole repository may have
// been loaded for routing; only what concerns the files is reported.
func findingScope(p *Project) []string {
	var scope []string
	files := false
	for _, path := range p.Options.Paths {
		abs, err := filepath.Abs(path)
		switch {
		case err != nil:
		case p.Files.IsDir(abs):
			scope = append(scope, abs)
		case source.IsConfigArg(filepath.Base(abs)):
			scope = append(scope, filepath.Dir(abs))
		default:
			files = true
			scope = append(scope, abs)
			if dir := p.Files.NearestProject(abs, p.Files.RepoRoot(filepath.Dir(abs))); dir != "" {
				scope = append(scope, dir)
			}
		}
	}
	if !files && !p.routingOnly() {
		return nil
	}
	return scope
}

// routingOnly: Workers outside the linted folders were loaded for routing.
func (p *Project) routingOnly() bool {
	for _, w := range p.Workers {
		if w.RoutingOnly {
			return true
		}
	}
	return false
}

// inScope keeps the findings in the scope, or with a related place in it
// (a Worker's binding that a client in the scope asks for by another name).
func inScope(ds []Diagnostic, scope []string) []Diagnostic {
	if scope == nil {
		return ds
	}
	out := ds[:0]
	for _, d := range ds {
		keep := within(scope, d.Span.File.Path)
		for _, r := range d.Related {
			keep = keep || within(scope, r.Span.File.Path)
		}
		if keep {
			out = append(out, d)
		}
	}
	return out
}

func (f *filter) inScope(path string) bool { return f.scope == nil || within(f.scope, path) }

func within(scope []string, path string) bool {
	for _, s := range scope {
		if source.Within(s, path) {
			return true
		}
	}
	return false
}

// judge decides whether a finding is kept, and at which severity.
func (f *filter) judge(d Diagnostic) (Diagnostic, bool) {
	path := d.Span.File.Path
	s := f.finder.ForFile(path)
	switch {
	case f.ignored(d):
		return d, false
	case isEngineRule(d.Rule) && d.Rule != UnusedSuppressionRule:
		return d, true
	case !f.enabled(d.Rule, s):
		return d, false
	}
	if f.suppressed(d) {
		return d, false
	}
	if l, ok := s.Level(d.Rule); ok {
		d.Severity = Severity(l - settings.LevelInfo)
	}
	return d, true
}

// ignored: the finding is in a file the settings ignore, or points at
// one (a binding that an ignored client asks for by another name).
func (f *filter) ignored(d Diagnostic) bool {
	if f.finder.ForFile(d.Span.File.Path).Ignored(d.Span.File.Path) {
		return true
	}
	for _, r := range d.Related {
		if f.finder.ForFile(r.Span.File.Path).Ignored(r.Span.File.Path) {
			return true
		}
	}
	return false
}

// suppressed reports whether a directive covers the finding's line, or
// the line of one of its related places: a finding in a config about a
// client elsewhere can be silenced at the client.
func (f *filter) suppressed(d Diagnostic) bool {
	spans := []source.Span{d.Span}
	for _, r := range d.Related {
		spans = append(spans, r.Span)
	}
	for _, sp := range spans {
		line := sp.StartPos().Line
		for _, dir := range f.directives[sp.File.Path] {
			if dir.covers(d.Rule, line) {
				return true
			}
		}
	}
	return false
}

// enabled: the rule ran and the settings do not turn it off.
func (f *filter) enabled(rule string, s *settings.Settings) bool {
	l, set := s.Level(rule)
	return f.active[rule] && !(set && l == settings.LevelOff)
}

// scanDirectives reads the suppressions of every file that can hold a
// finding: configs, scanned scripts and the files findings are in.
func (f *filter) scanDirectives(ds []Diagnostic) {
	var files []*source.File
	for _, w := range f.p.Workers {
		files = append(append(files, w.Config.File), w.TypeFiles...)
	}
	for _, sf := range f.p.Sources {
		files = append(files, sf.File)
	}
	for _, d := range ds {
		files = append(files, d.Span.File)
		for _, r := range d.Related {
			files = append(files, r.Span.File)
		}
	}
	seen := map[string]bool{}
	for _, file := range files {
		if file == nil || seen[file.Path] || !f.inScope(file.Path) {
			continue
		}
		seen[file.Path] = true
		dirs, problems := fileDirectives(file, f.known)
		f.directives[file.Path] = dirs
		f.extra = append(f.extra, problems...)
		if f.opts.RequireReason {
			f.extra = append(f.extra, withoutReason(dirs)...)
		}
	}
}

func withoutReason(dirs []*directive) []Diagnostic {
	var out []Diagnostic
	for _, d := range dirs {
		if d.reason == "" {
			out = append(out, invalidSuppression(d.nameSpan, d.name+" gives no reason, and --require-reason asks for one so that the next reader knows why the finding does not apply; add \" -- why\" after the rule ids"))
		}
	}
	return out
}

// unused reports each rule id of a suppression that suppressed nothing,
// when its rule ran on the file (a rule not run cannot be judged).
func (f *filter) unused() []Diagnostic {
	var out []Diagnostic
	for _, path := range source.SortedKeys(f.directives) {
		s := f.finder.ForFile(path)
		if s.Ignored(path) || !f.enabled(UnusedSuppressionRule, s) {
			continue
		}
		for _, dir := range f.directives[path] {
			for _, id := range dir.ids {
				if id.used || id.bad || !f.enabled(id.id, s) {
					continue
				}
				d := Diagnostic{Rule: UnusedSuppressionRule, Severity: SeverityWarning, Span: id.span, Message: dir.unusedMessage(id.id)}
				if l, ok := s.Level(UnusedSuppressionRule); ok {
					d.Severity = Severity(l - settings.LevelInfo)
				}
				out = append(out, d)
			}
		}
	}
	return out
}

func (d *directive) unusedMessage(id string) string {
	where := "in this file"
	if !d.fileWide {
		where = "on line " + source.Itoa(d.line)
	}
	return d.name + " " + source.Quote(id) + " suppresses nothing: " + id + " reports nothing " + where +
		", so the comment would only hide the finding if it came back; remove " + source.Quote(id) + " from the comment (or the whole comment)"
}

// settingsProblems reports what is wrong in every settings file used.
func (f *filter) settingsProblems() []Diagnostic {
	if f.opts.ConfigFile != "" {
		f.finder.For(f.p.Files.WorkDir) // reported even when no file was linted
	}
	configurable := source.SortedKeys(f.known)
	configurable = append(configurable, UnusedSuppressionRule)
	var out []Diagnostic
	for _, s := range f.finder.Loaded() {
		for _, pr := range s.Problems {
			out = append(out, Diagnostic{Rule: InvalidSettingsRule, Severity: SeverityError, Span: pr.Span, Message: pr.Msg})
		}
		for _, rl := range s.Rules {
			if msg := unknownSetting(rl.Rule, f.known, configurable); msg != "" {
				out = append(out, Diagnostic{Rule: InvalidSettingsRule, Severity: SeverityError, Span: rl.KeySpan, Message: msg})
			}
		}
	}
	return out
}

func unknownSetting(id string, known map[string]bool, configurable []string) string {
	switch {
	case known[id] || id == UnusedSuppressionRule:
		return ""
	case isEngineRule(id):
		return source.Quote(id) + " is the engine's own finding and cannot be configured: wranglint must report it; of the engine's findings only \"" + UnusedSuppressionRule + "\" can be set"
	}
	msg := "no rule " + source.Quote(id)
	if near := source.Closest(id, configurable, 6); near != "" {
		msg += " (did you mean " + source.Quote(near) + "?)"
	}
	return msg + ": its level would be ignored; `wranglint rules` lists the rule ids"
}
