// Command wranglint lints Cloudflare Workers projects: the wrangler config
// and the Worker's code together. This file only wires the CLI.
package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"

	"github.com/mattn/go-isatty"
	"github.com/spf13/cobra"
	"github.com/wranglint/wranglint/lint"
	"github.com/wranglint/wranglint/lint/fix"
	"github.com/wranglint/wranglint/lint/jscode"
	"github.com/wranglint/wranglint/lint/report"
	"github.com/wranglint/wranglint/lint/source"
	"github.com/wranglint/wranglint/rules"
)

// version is set at release time with -ldflags "-X main.version=...".
var version = ""

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

type flags struct {
	format          string
	color           string
	explainVersions bool
	verbose         bool
	fix             bool
	unsafeFixes     bool
	diff            bool
	exitOnFix       bool
	ci              ciOptions      // options.go
	prof            profileOptions // profile.go: cache, --stats, profiles
}

// run executes the CLI and returns the exit code; tests call it directly.
func run(args []string, stdout, stderr io.Writer) int {
	code := 0
	f := &flags{}
	root := &cobra.Command{
		Use:   "wranglint [paths...]",
		Short: "Lint Cloudflare Workers projects: wrangler config and Worker code together",
		Long: "wranglint finds every wrangler.json, wrangler.jsonc and wrangler.toml below the given folders\n" +
			"(default: the current one), reads each Worker's code, and reports mistakes that wrangler\n" +
			"lets through: agent URLs no binding serves, classes main does not export, and more.\n\n" +
			"Exit codes: 0 no error found, 1 errors found (or more warnings than --max-warnings),\n" +
			"2 usage, I/O, syntax or .wranglint.jsonc error.",
		Args:          cobra.ArbitraryArgs,
		SilenceUsage:  true,
		SilenceErrors: true,
		RunE: func(cmd *cobra.Command, args []string) error {
			f.format = defaultFormat(f.format, cmd.Flags().Changed("format") || f.diff, stdout) // --diff: the diff, not annotations
			out := stdout
			stop := f.prof.start(&out, stderr)
			defer stop()
			code = lintCommand(f, args, out, stderr)
			return nil
		},
		Version: buildVersion(),
	}
	root.SetVersionTemplate("wranglint {{.Version}}\n")
	root.Flags().StringVar(&f.format, "format", "text", "output format: "+strings.Join(formats, ", ")+" (github by default in GitHub Actions)")
	addCIFlags(root.Flags(), &f.ci)
	addProfileFlags(root.Flags(), &f.prof)
	root.Flags().StringVar(&f.color, "color", "auto", "colour: auto, always or never (auto honours NO_COLOR and FORCE_COLOR)")
	root.Flags().BoolVar(&f.explainVersions, "explain-versions", false, "say which agents/partyserver versions decide the URL names, and why")
	root.Flags().BoolVar(&f.verbose, "verbose", false, "say on stderr how many client references were judged, and which client calls were skipped and why")
	root.Flags().BoolVar(&f.fix, "fix", false, "apply every safe fix, write the files, then report what remains")
	root.Flags().BoolVar(&f.unsafeFixes, "unsafe-fixes", false, "with --fix or --diff: apply the unsafe fixes too")
	root.Flags().BoolVar(&f.diff, "diff", false, "write nothing; print a unified diff of what --fix would change (exit 1 when non-empty)")
	root.Flags().BoolVar(&f.exitOnFix, "exit-non-zero-on-fix", false, "with --fix: exit 1 whenever a file was changed (for pre-commit)")
	root.AddCommand(routeCommand(&code, stdout, stderr), rulesCommand(stdout), explainCommand(&code, stdout, stderr), versionCommand(stdout), initCommand(&code, stdout, stderr))
	root.SetArgs(args)
	root.SetOut(stdout)
	root.SetErr(stderr)
	if err := root.Execute(); err != nil {
		fmt.Fprintln(stderr, "wranglint:", err)
		return 2
	}
	return code
}

func lintCommand(f *flags, args []string, stdout, stderr io.Writer) int {
	for _, msg := range []string{checkFormat(f.format), f.ci.check(f)} {
		if msg != "" {
			fmt.Fprintln(stderr, "wranglint:", msg)
			return 2
		}
	}
	painter, ok := colorChoice(f.color, stdout)
	if !ok {
		fmt.Fprintf(stderr, "wranglint: unknown --color %q (use auto, always or never)\n", f.color)
		return 2
	}
	if f.fix || f.diff {
		return fixCommand(f, args, painter, stdout, stderr)
	}
	project, ds, code := lintPaths(f.prof.load(lint.LoadOptions{Paths: args, Settings: f.ci.settings()}), stderr)
	writeSettingsNotes(project, f.verbose, stderr)
	code = f.ci.withMaxWarnings(ds, code, stderr)
	if f.explainVersions {
		explainVersions(project, stderr)
	}
	if f.verbose {
		writeVerbose(project, stderr)
	}
	if err := writeReport(f, stdout, project.Files.Rel, ds, painter, project.Files.Masker()); err != nil {
		return 2
	}
	return code
}

// writeReport prints findings in the chosen format, secrets masked.
func writeReport(f *flags, w io.Writer, rel func(string) string, ds []lint.Diagnostic, painter report.Painter, m *source.Masker) error {
	return writeFormat(f.format, w, rel, maskDiagnostics(ds, m), painter)
}

// lintPaths loads and lints; load problems go to stderr and become
// io-error findings, so that every format reports them.
func lintPaths(opts lint.LoadOptions, stderr io.Writer) (*lint.Project, []lint.Diagnostic, int) {
	opts.Paths = orCurrent(opts.Paths)
	opts.WorkDir, _ = os.Getwd()
	project := lint.Load(opts)
	ds, code := withLoadErrors(project, lint.Run(project, rules.All()), opts.Paths, stderr)
	return project, ds, code
}

func orCurrent(args []string) []string {
	if len(args) == 0 {
		return []string{"."}
	}
	return args
}

// withLoadErrors adds the project's load errors (and "no config found")
// to the findings as io-error findings, and computes the exit code.
func withLoadErrors(p *lint.Project, ds []lint.Diagnostic, args []string, stderr io.Writer) ([]lint.Diagnostic, int) {
	code := lint.ExitCode(p, ds)
	for _, err := range p.Errors {
		fmt.Fprintln(stderr, "wranglint:", report.Escape(err.Error()))
		ds = append(ds, ioDiagnostic(p.Files, err))
	}
	if len(p.Workers) == 0 && code == 0 && !onlyFileArgs(args) {
		fmt.Fprintf(stderr, "wranglint: no wrangler.json, wrangler.jsonc or wrangler.toml found in %s\n", report.Escape(strings.Join(args, ", ")))
		for _, a := range args {
			ds = append(ds, pathDiagnostic(p.Files, a, "no wrangler.json, wrangler.jsonc or wrangler.toml found here: give a folder holding a Worker or its config"))
		}
		code = 2
	}
	lint.SortDiagnostics(ds)
	return ds, code
}

// ioDiagnostic turns an error of the form "path: reason" into an
// io-error finding on that path.
func ioDiagnostic(fs *source.FileSet, err error) lint.Diagnostic {
	msg := err.Error()
	if inner := errors.Unwrap(err); inner != nil && strings.HasSuffix(msg, ": "+inner.Error()) {
		return pathDiagnostic(fs, strings.TrimSuffix(msg, ": "+inner.Error()), inner.Error())
	}
	return pathDiagnostic(fs, "", msg)
}

// pathDiagnostic is an io-error finding on a path as the user gave it
// (or as wranglint shows it), without a position.
func pathDiagnostic(fs *source.FileSet, path, msg string) lint.Diagnostic {
	abs, rel := path, path
	if path != "" {
		if !filepath.IsAbs(path) {
			abs = filepath.Join(fs.WorkDir, path)
		}
		rel = fs.Rel(abs)
	}
	return lint.Diagnostic{Rule: report.IOErrorRule, Severity: lint.SeverityError,
		Span: source.Span{File: source.NewFile(abs, rel, nil)}, Message: msg}
}

// maskDiagnostics returns the findings with every known secret masked in
// their messages, notes, fix descriptions and fix edits.
func maskDiagnostics(ds []lint.Diagnostic, m *source.Masker) []lint.Diagnostic {
	if m.Empty() {
		return ds
	}
	out := make([]lint.Diagnostic, len(ds))
	for i, d := range ds {
		d.Message = m.Mask(d.Message)
		d.Related = append([]lint.Related(nil), d.Related...)
		for j := range d.Related {
			d.Related[j].Note = m.Mask(d.Related[j].Note)
		}
		d.Fix = maskFix(d.Fix, m)
		d.Alternatives = append([]*lint.Fix(nil), d.Alternatives...)
		for j, alt := range d.Alternatives {
			d.Alternatives[j] = maskFix(alt, m)
		}
		out[i] = d
	}
	return out
}

func maskFix(f *lint.Fix, m *source.Masker) *lint.Fix {
	if f == nil {
		return nil
	}
	c := *f
	c.Description = m.Mask(f.Description)
	c.Edits = append([]source.Edit(nil), f.Edits...)
	for i := range c.Edits {
		c.Edits[i].New = m.Mask(c.Edits[i].New)
	}
	return &c
}

// fixCommand runs --fix or --diff.
func fixCommand(f *flags, args []string, painter report.Painter, stdout, stderr io.Writer) int {
	if f.fix && f.diff {
		fmt.Fprintln(stderr, "wranglint: --fix and --diff do not go together (--diff writes nothing)")
		return 2
	}
	if f.diff && f.format != "text" && f.format != "json" && f.format != "sarif" {
		fmt.Fprintf(stderr, "wranglint: --diff and --format %s do not go together: %s has no place for a diff; use --diff alone (a unified diff), --diff --format json (the findings and a diff per file) or --diff --format sarif (the findings with their fixes)\n", f.format, f.format)
		return 2
	}
	args = orCurrent(args)
	wd, _ := os.Getwd()
	res, err := fix.Run(f.prof.load(lint.LoadOptions{Paths: args, WorkDir: wd, Settings: f.ci.settings()}), rules.All(), f.unsafeFixes)
	if err != nil {
		fmt.Fprintln(stderr, "wranglint:", report.Escape(err.Error()))
		fs := source.NewFileSet(wd, nil, nil)
		d := pathDiagnostic(fs, "", err.Error())
		d.Rule = "internal-error"
		writeReport(f, stdout, fs.Rel, []lint.Diagnostic{d}, painter, nil)
		return 2
	}
	writeSettingsNotes(res.Project, f.verbose, stderr)
	ds, code := withLoadErrors(res.Project, res.Remaining, args, stderr)
	masker := res.Masker()
	if code == 2 {
		writeReport(f, stdout, res.Project.Files.Rel, ds, painter, masker)
		return 2
	}
	for _, r := range res.Refused {
		fmt.Fprintln(stderr, "wranglint:", report.Escape(masker.Mask(r.Error())))
	}
	if f.diff {
		return writeDiff(f, stdout, res, ds, painter)
	}
	stopSignals := catchSignals(stderr) // signals.go: no temporary file is left on SIGINT/SIGTERM
	err = fix.Write(res)
	stopSignals()
	if err != nil {
		fmt.Fprintln(stderr, "wranglint:", report.Escape(err.Error()))
		// Nothing (or not everything) was written: report what was found.
		ds = append(append([]lint.Diagnostic(nil), res.Applied...), ds...)
		ds = append(ds, writeErrorDiagnostic(res.Project.Files, err))
		lint.SortDiagnostics(ds)
		writeReport(f, stdout, res.Project.Files.Rel, ds, painter, masker)
		return 2
	}
	writeReport(f, stdout, res.Project.Files.Rel, ds, painter, masker)
	if n := len(res.Applied); n > 0 {
		fmt.Fprintf(stderr, "fixed %d finding(s) in %d file(s)\n", n, len(res.Fixed))
	}
	if f.exitOnFix && len(res.Fixed) > 0 {
		return 1
	}
	return f.ci.withMaxWarnings(ds, code, stderr)
}

func writeErrorDiagnostic(fs *source.FileSet, err error) lint.Diagnostic {
	var we *fix.WriteError
	if errors.As(err, &we) {
		return pathDiagnostic(fs, we.Path, we.Msg)
	}
	return pathDiagnostic(fs, "", err.Error())
}

// writeDiff prints what --fix would change: a unified diff; with
// --format json the remaining findings and one diff per file; with
// --format sarif the findings as they are on disk, each with its fixes
// (SARIF has no diff, and its replacements must address the disk's bytes).
func writeDiff(f *flags, w io.Writer, res *fix.Result, ds []lint.Diagnostic, painter report.Painter) int {
	code := 0
	if len(res.Fixed) > 0 {
		code = 1
	}
	switch f.format {
	case "sarif":
		initial := append([]lint.Diagnostic(nil), res.Initial...)
		lint.SortDiagnostics(initial)
		if err := writeReport(f, w, res.Project.Files.Rel, initial, painter, res.Masker()); err != nil {
			return 2
		}
		return code
	case "json":
	default:
		fix.WriteDiff(w, res)
		return code
	}
	var buf bytes.Buffer
	if err := writeReport(f, &buf, res.Project.Files.Rel, ds, painter, res.Masker()); err != nil {
		return 2
	}
	var rep struct {
		Diagnostics json.RawMessage `json:"diagnostics"`
		Diffs       []fix.FileDiff  `json:"diffs"`
	}
	if err := json.Unmarshal(buf.Bytes(), &rep); err != nil {
		return 2
	}
	rep.Diffs = fix.Diffs(res)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false) // diffs of JSX are full of < and >
	if err := enc.Encode(rep); err != nil {
		return 2
	}
	return code
}

func explainVersions(p *lint.Project, w io.Writer) {
	m := p.Files.Masker() // an agent name from the code may be a credential
	for _, wk := range p.Workers {
		fmt.Fprintf(w, "%s: %s; routes prefixes %s\n", report.Escape(wk.Config.File.Rel), wk.Versions.Explain(), report.Escape(m.Mask(strings.Join(wk.Prefixes, ", "))))
	}
	for _, r := range p.Refs {
		if r.Kind == jscode.RefAgentClient {
			fmt.Fprintf(w, "%s: %s sends %q as %q (%s)\n", report.Escape(r.Span.String()), r.Via, m.Mask(r.Value), m.Mask(r.Namespace), r.Era)
		}
	}
}

// colorChoice: --color always/never win; auto colours a terminal unless
// NO_COLOR is set, and FORCE_COLOR forces it.
func colorChoice(mode string, out io.Writer) (report.Painter, bool) {
	switch mode {
	case "always":
		return report.Painter{On: true}, true
	case "never":
		return report.Painter{}, true
	case "auto":
	default:
		return report.Painter{}, false
	}
	if v := os.Getenv("FORCE_COLOR"); v != "" && v != "0" && v != "false" {
		return report.Painter{On: true}, true
	}
	if os.Getenv("NO_COLOR") != "" {
		return report.Painter{}, true
	}
	if u, ok := out.(interface{ Unwrap() io.Writer }); ok {
		out = u.Unwrap() // --stats wraps stdout
	}
	file, isFile := out.(*os.File)
	return report.Painter{On: isFile && isatty.IsTerminal(file.Fd())}, true
}

func routeCommand(code *int, stdout, stderr io.Writer) *cobra.Command {
	return &cobra.Command{
		Use:   "route URL [paths...]",
		Short: "Say which Worker, environment and binding serve a URL",
		Args:  cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ref, ok := jscode.ParseURLRef(args[0])
			if !ok {
				fmt.Fprintf(stderr, "wranglint: %q is not a URL or path of the form /<prefix>/<namespace>/<instance>\n", args[0])
				*code = 2
				return nil
			}
			project, ds, loadCode := lintPaths(lint.LoadOptions{Paths: args[1:]}, stderr)
			if loadCode == 2 {
				// Unreadable paths are on stderr already; say what does not parse.
				var syntax []lint.Diagnostic
				for _, d := range ds {
					if d.Rule == lint.SyntaxErrorRule {
						syntax = append(syntax, d)
					}
				}
				report.WriteDiagnostics(stderr, maskDiagnostics(syntax, project.Files.Masker()), report.Painter{})
				*code = 2
				return nil
			}
			*code = report.WriteRoute(stdout, project, &lint.ResolvedRef{ClientRef: ref})
			return nil
		},
	}
}

func rulesCommand(stdout io.Writer) *cobra.Command {
	var markdown bool
	cmd := &cobra.Command{
		Use:   "rules",
		Short: "List every rule with its severity and fix safety",
		Args:  cobra.NoArgs,
		Run: func(cmd *cobra.Command, args []string) {
			if markdown {
				fmt.Fprint(stdout, report.RuleTable(rules.All()))
				return
			}
			fmt.Fprint(stdout, report.RuleList(rules.All()))
		},
	}
	cmd.Flags().BoolVar(&markdown, "markdown", false, "print the Markdown table the README embeds")
	return cmd
}

func explainCommand(code *int, stdout, stderr io.Writer) *cobra.Command {
	return &cobra.Command{
		Use:   "explain RULE",
		Short: "Print one rule's documentation",
		Args:  cobra.ExactArgs(1),
		Run: func(cmd *cobra.Command, args []string) {
			r := rules.ByID(args[0])
			if r == nil {
				r = engineRule(args[0])
			}
			if r == nil {
				var ids []string
				for _, x := range rules.All() {
					ids = append(ids, x.ID)
				}
				fmt.Fprintf(stderr, "wranglint: no rule %q", args[0])
				if near := source.Closest(args[0], ids, 6); near != "" {
					fmt.Fprintf(stderr, " (did you mean %q?)", near)
				}
				fmt.Fprintln(stderr, "; `wranglint rules` lists them all")
				*code = 2
				return
			}
			fmt.Fprint(stdout, report.Explain(r))
		},
	}
}

func versionCommand(stdout io.Writer) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print wranglint's version",
		Args:  cobra.NoArgs,
		Run: func(cmd *cobra.Command, args []string) {
			fmt.Fprintln(stdout, "wranglint", buildVersion())
		},
	}
}

func buildVersion() string {
	info, _ := debug.ReadBuildInfo()
	return versionString(version, info)
}
