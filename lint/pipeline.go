package lint

import (
	"bytes"
	"path/filepath"
	"strconv"

	"github.com/wranglint/wranglint/lint/project"
	"github.com/wranglint/wranglint/lint/settings"
	"github.com/wranglint/wranglint/lint/source"
	"github.com/wranglint/wranglint/lint/wrangler"
)

// The findings pipeline turns what rules and the loader found into what is
// printed, in stages that each do one thing (as golangci-lint's
// processors): the loader's problems join the rules' findings; findings
// outside the linted files' scope go; settings files, --select/--ignore
// and inline suppressions have their say (and the engine reports
// suppressions and settings that are wrong or unused); each finding gets
// its stable key; repeats go; the rest is sorted; the exit code is
// decided. Rules never filter their own findings.

type pipeline struct {
	p      *project.Project
	finder *settings.Finder
	known  map[string]bool // every rule id a suppression may name
	active map[string]bool
	opts   Options
	scope  []string // see findingScope
	// directives by file path
	directives map[string][]*directive
	extra      []Diagnostic // problems with directives and settings
	broken     map[string]bool
}

func newPipeline(p *project.Project, rules []*Rule, active map[string]bool, opts Options) *pipeline {
	known := map[string]bool{}
	for _, r := range rules {
		known[r.ID] = true
	}
	return &pipeline{p: p, finder: p.Settings, known: known, active: active, opts: opts,
		directives: map[string][]*directive{}, scope: findingScope(p), broken: map[string]bool{}}
}

func (pl *pipeline) run(raw []Diagnostic) *Outcome {
	ds := append(pl.loaderFindings(), raw...)
	ds = inScope(ds, pl.scope)
	ds = pl.filter(ds)
	ds = pl.withKeys(ds)
	ds = dedupe(ds)
	SortDiagnostics(ds)
	code, warnings, tooMany := exitCode(ds, pl.opts)
	return &Outcome{Project: pl.p, Diagnostics: ds, ExitCode: code, Warnings: warnings, TooManyWarns: tooMany}
}

// loaderFindings are the loader's problems, and "nothing to lint" when no
// config was found below the folders given (a file argument that belongs
// to no Worker is not a mistake: pre-commit passes every staged file).
func (pl *pipeline) loaderFindings() []Diagnostic {
	var out []Diagnostic
	for _, pr := range pl.p.Problems {
		out = append(out, Diagnostic{Rule: pr.Rule, Severity: SeverityError, Span: pr.Span, Message: pr.Message})
		if pr.Rule == SyntaxErrorRule && pr.Span.File != nil {
			pl.broken[pr.Span.File.Path] = true
		}
	}
	for _, sf := range pl.p.Sources {
		if sf.Syntax != nil {
			// a script outside every module graph that does not parse is
			// skipped, not reported: no rule read it either
			pl.broken[sf.File.Path] = true
		}
	}
	if pl.p.NoConfig && len(out) == 0 && !pl.p.OnlyFileArgs() {
		for _, a := range pl.p.Options.Paths {
			pr := project.PathProblem(pl.p.Files, a, "no wrangler.json, wrangler.jsonc or wrangler.toml found here: give a folder holding a Worker or its config")
			out = append(out, Diagnostic{Rule: pr.Rule, Severity: SeverityError, Span: pr.Span, Message: pr.Message})
		}
	}
	return out
}

// findingScope is where findings are reported when some paths name files
// that are not configs (pre-commit's staged files): those files, the
// Worker folders they belong to, and every folder or config named; nil
// (everywhere) when no such file is named. The whole repository may have
// been loaded for routing; only what concerns the files is reported.
func findingScope(p *project.Project) []string {
	scope, files := p.Scope()
	if !files && !p.RoutingOnly() {
		return nil
	}
	return scope
}

// inScope keeps the findings in the scope, or with a related place in it
// (a Worker's binding that a client in the scope asks for by another name).
func inScope(ds []Diagnostic, scope []string) []Diagnostic {
	if scope == nil {
		return ds
	}
	out := ds[:0]
	for _, d := range ds {
		keep := d.Span.File == nil || d.Span.File.Path == "" || within(scope, d.Span.File.Path)
		for _, r := range d.Related {
			keep = keep || within(scope, r.Span.File.Path)
		}
		if keep {
			out = append(out, d)
		}
	}
	return out
}

func (pl *pipeline) inScope(path string) bool { return pl.scope == nil || within(pl.scope, path) }

func within(scope []string, path string) bool {
	for _, s := range scope {
		if source.Within(s, path) {
			return true
		}
	}
	return false
}

// filter applies the settings files, --select/--ignore and the inline
// suppressions, and adds the engine's findings about them.
func (pl *pipeline) filter(ds []Diagnostic) []Diagnostic {
	pl.scanDirectives(ds)
	out := make([]Diagnostic, 0, len(ds))
	for _, d := range ds {
		if d, keep := pl.judge(d); keep {
			out = append(out, d)
		}
	}
	out = append(out, pl.unused()...)
	for _, d := range pl.extra {
		if !pl.finder.ForFile(d.Span.File.Path).Ignored(d.Span.File.Path) {
			out = append(out, d)
		}
	}
	return inScope(append(out, pl.settingsProblems()...), pl.scope)
}

// judge decides whether a finding is kept, and at which severity.
func (pl *pipeline) judge(d Diagnostic) (Diagnostic, bool) {
	path := d.Span.File.Path
	s := pl.finder.ForFile(path)
	switch {
	case pl.ignored(d):
		return d, false
	case isEngineRule(d.Rule) && d.Rule != UnusedSuppressionRule:
		return d, true
	case !pl.enabled(d.Rule, s):
		return d, false
	}
	if pl.suppressed(d) {
		return d, false
	}
	if l, ok := s.Level(d.Rule); ok {
		d.Severity = Severity(l - settings.LevelInfo)
	}
	return d, true
}

// ignored: the finding is in a file the settings ignore, or points at
// one (a binding that an ignored client asks for by another name).
func (pl *pipeline) ignored(d Diagnostic) bool {
	if d.Span.File == nil || d.Span.File.Path == "" {
		return false
	}
	if pl.finder.ForFile(d.Span.File.Path).Ignored(d.Span.File.Path) {
		return true
	}
	for _, r := range d.Related {
		if pl.finder.ForFile(r.Span.File.Path).Ignored(r.Span.File.Path) {
			return true
		}
	}
	return false
}

// suppressed reports whether a directive covers the finding's line, or
// the line of one of its related places: a finding in a config about a
// client elsewhere can be silenced at the client.
func (pl *pipeline) suppressed(d Diagnostic) bool {
	spans := []source.Span{d.Span}
	for _, r := range d.Related {
		spans = append(spans, r.Span)
	}
	for _, sp := range spans {
		line := sp.StartPos().Line
		for _, dir := range pl.directives[sp.File.Path] {
			if dir.covers(d.Rule, line) {
				return true
			}
		}
	}
	return false
}

// enabled: the rule ran and the settings do not turn it off.
func (pl *pipeline) enabled(rule string, s *settings.Settings) bool {
	l, set := s.Level(rule)
	return pl.active[rule] && !(set && l == settings.LevelOff)
}

// scanDirectives reads the suppressions of every file that can hold a
// finding: configs, scanned scripts and the files findings are in.
func (pl *pipeline) scanDirectives(ds []Diagnostic) {
	var files []*source.File
	for _, w := range pl.p.Workers {
		files = append(append(files, w.Config.File), w.TypeFiles...)
	}
	for _, sf := range pl.p.Sources {
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
		if file == nil || file.Data == nil || seen[file.Path] || !pl.inScope(file.Path) {
			continue
		}
		seen[file.Path] = true
		var inText func(int) bool
		if sf := pl.p.Facts(file.Path); sf != nil {
			inText = sf.InText
		}
		dirs, problems := fileDirectives(file, pl.known, inText)
		pl.directives[file.Path] = dirs
		pl.extra = append(pl.extra, problems...)
		if pl.opts.RequireReason {
			pl.extra = append(pl.extra, withoutReason(dirs)...)
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
// when its rule ran on the file: a rule that did not run, or a file whose
// syntax error kept rules from reading it, cannot be judged.
func (pl *pipeline) unused() []Diagnostic {
	var out []Diagnostic
	for _, path := range source.SortedKeys(pl.directives) {
		s := pl.finder.ForFile(path)
		if s.Ignored(path) || !pl.enabled(UnusedSuppressionRule, s) || pl.broken[path] {
			continue
		}
		for _, dir := range pl.directives[path] {
			for _, id := range dir.ids {
				if id.used || id.bad || !pl.enabled(id.id, s) {
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
func (pl *pipeline) settingsProblems() []Diagnostic {
	configurable := source.SortedKeys(pl.known)
	configurable = append(configurable, UnusedSuppressionRule)
	var out []Diagnostic
	for _, s := range pl.finder.Loaded() {
		for _, pr := range s.Problems {
			out = append(out, Diagnostic{Rule: InvalidSettingsRule, Severity: SeverityError, Span: pr.Span, Message: pr.Msg})
		}
		for _, rl := range s.Rules {
			if msg := unknownSetting(rl.Rule, pl.known, configurable); msg != "" {
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

// withKeys gives each finding its stable key.
func (pl *pipeline) withKeys(ds []Diagnostic) []Diagnostic {
	roots := map[string]*wrangler.Node{}
	for _, w := range pl.p.Workers {
		roots[w.Config.File.Path] = w.Config.Root
	}
	for i := range ds {
		ds[i].Key = keyOf(ds[i], roots)
	}
	return ds
}

// keyOf identifies a finding by what it is about, not where it stands:
// in a config, the path of the value or key it marks; elsewhere, the
// marked text and how many times it occurs before in the file.
func keyOf(d Diagnostic, roots map[string]*wrangler.Node) string {
	f := d.Span.File
	if f == nil {
		return d.Rule + "\x00\x00" + d.Env + "\x00" + d.Message
	}
	subject := ""
	if root := roots[f.Path]; root != nil {
		subject = "@" + wrangler.PathAt(root, d.Span.Start, d.Span.End)
	}
	if subject == "" || subject == "@" {
		subject = textSubject(f, d.Span.Start, d.Span.End)
	}
	return d.Rule + "\x00" + filepath.ToSlash(f.Path) + "\x00" + d.Env + "\x00" + subject
}

// textSubject names a place by its text and occurrence: the second
// `"coderagent"` of a file stays the second when lines move above it.
func textSubject(f *source.File, start, end int) string {
	if start < 0 || end > len(f.Data) || start > end {
		return "#" + strconv.Itoa(start)
	}
	text := f.Data[start:end]
	if len(text) == 0 {
		return "#" + strconv.Itoa(bytes.Count(f.Data[:start], []byte{'\n'})) + ":line"
	}
	return string(text) + "#" + strconv.Itoa(bytes.Count(f.Data[:start], text))
}
