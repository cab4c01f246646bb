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
	"runtime/debug"
	"strings"

	"github.com/spf13/cobra"
	"github.com/wranglint/wranglint/lint"
	"github.com/wranglint/wranglint/lint/analyses"
	"github.com/wranglint/wranglint/lint/fix"
	"github.com/wranglint/wranglint/lint/jscode"
	"github.com/wranglint/wranglint/lint/project"
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
	outputFile      string
	quiet           bool
	statistics      bool
	watch           bool
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
			writes := f.fix || f.diff || f.watch || f.outputFile != "" // never replayed: they write files, or run on
			code = f.prof.lint(runKey(cmd, args, f.format, out, stderr), writes, out, stderr, func(out, stderr io.Writer) int { return lintCommand(f, args, out, stderr) })
			return nil
		},
		Version: buildVersion(),
	}
	root.SetVersionTemplate("wranglint {{.Version}}\n")
	root.Flags().StringVar(&f.format, "format", "text", "output format: "+strings.Join(report.Formats, ", ")+" (github by default in GitHub Actions)")
	addCIFlags(root.Flags(), &f.ci)
	addProfileFlags(root.Flags(), &f.prof)
	root.Flags().StringVar(&f.color, "color", "auto", "colour: auto, always or never (auto honours NO_COLOR and FORCE_COLOR)")
	root.Flags().BoolVar(&f.explainVersions, "explain-versions", false, "say which agents/partyserver versions decide the URL names, and why")
	root.Flags().BoolVar(&f.verbose, "verbose", false, "say on stderr how many client references were judged, and which client calls were skipped and why")
	root.Flags().BoolVar(&f.fix, "fix", false, "apply every safe fix, write the files, then report what remains")
	root.Flags().BoolVar(&f.unsafeFixes, "unsafe-fixes", false, "with --fix or --diff: apply the unsafe fixes too")
	root.Flags().BoolVar(&f.diff, "diff", false, "write nothing; print a unified diff of what --fix would change (exit 1 when non-empty)")
	root.Flags().BoolVar(&f.exitOnFix, "exit-non-zero-on-fix", false, "with --fix: exit 1 whenever a file was changed (for pre-commit)")
	root.Flags().StringVarP(&f.outputFile, "output-file", "o", "", "write the report to `FILE` instead of standard output")
	root.Flags().BoolVarP(&f.quiet, "quiet", "q", false, "print the findings alone: no summary line, no note of what --fix did")
	root.Flags().BoolVar(&f.statistics, "statistics", false, "print how many findings each rule reported instead of the findings (text, json, or github: a Markdown table for a job summary)")
	root.Flags().BoolVarP(&f.watch, "watch", "w", false, "lint again whenever a file below the paths changes, until Ctrl-C")
	root.AddCommand(routeCommand(&code, stdout, stderr), routesCommand(&code, stdout, stderr), rulesCommand(stdout), explainCommand(&code, stdout, stderr),
		versionCommand(stdout), initCommand(&code, stdout, stderr), lspCommand(&code, stderr), cacheCommand(&code, stdout, stderr))
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
	for _, msg := range []string{report.CheckFormat(f.format), f.ci.check(f), f.checkOutput()} {
		if msg != "" {
			fmt.Fprintln(stderr, "wranglint:", msg)
			return 2
		}
	}
	sink := newSink(f.outputFile, stdout)
	painter, ok := report.ChooseColor(f.color, sink.target(), os.Getenv)
	if !ok {
		fmt.Fprintf(stderr, "wranglint: unknown --color %q (use auto, always or never)\n", f.color)
		return 2
	}
	if f.watch {
		return watchCommand(f, args, sink, painter, stderr)
	}
	var code int
	if f.fix || f.diff {
		code = fixCommand(f, args, painter, sink, stderr)
	} else {
		code = lintOnce(f, args, painter, sink, stderr)
	}
	if err := sink.flush(); err != nil {
		fmt.Fprintln(stderr, "wranglint:", err)
		return 2
	}
	return code
}

// lintOnce lints the paths and reports; it returns the exit code.
func lintOnce(f *flags, args []string, painter report.Painter, w io.Writer, stderr io.Writer) int {
	out := lint.Run(project.Load(f.loadOptions(args)), rules.All(), f.ci.lintOptions())
	writeSettingsNotes(out.Project, f.verbose, stderr)
	warnAboutWarnings(out, f, stderr)
	if f.explainVersions {
		explainVersions(out, stderr)
	}
	if f.verbose {
		writeVerbose(out, stderr)
	}
	if err := writeReport(f, w, out.Project, out.Diagnostics, painter, out.Project.Files.Masker()); err != nil {
		return 2
	}
	return out.ExitCode
}

// loadOptions are what Load reads for the paths given (the current folder
// when none is).
func (f *flags) loadOptions(args []string) project.LoadOptions {
	wd, _ := os.Getwd()
	return f.prof.load(project.LoadOptions{Paths: orCurrent(args), WorkDir: wd, SettingsFile: f.ci.settingsFile()})
}

func warnAboutWarnings(out *lint.Outcome, f *flags, stderr io.Writer) {
	if out.TooManyWarns {
		fmt.Fprintf(stderr, "wranglint: %d warnings, more than --max-warnings %d allows\n", out.Warnings, f.ci.maxWarnings)
	}
}

// writeReport prints findings in the chosen format, secrets masked.
func writeReport(f *flags, w io.Writer, p *project.Project, ds []lint.Diagnostic, painter report.Painter, m *source.Masker) error {
	wd, _ := os.Getwd()
	return report.Write(w, ds, report.Options{Format: f.format, Painter: painter, Rel: p.Files.Rel, Masker: m, Quiet: f.quiet, Statistics: f.statistics,
		Tool: report.Tool{Name: "wranglint", Version: buildVersion(), InformationURI: informationURI, Rules: rules.All(), WorkDir: wd}})
}

func orCurrent(args []string) []string {
	if len(args) == 0 {
		return []string{"."}
	}
	return args
}

// fixCommand runs --fix or --diff.
func fixCommand(f *flags, args []string, painter report.Painter, stdout io.Writer, stderr io.Writer) int {
	if f.fix && f.diff {
		fmt.Fprintln(stderr, "wranglint: --fix and --diff do not go together (--diff writes nothing)")
		return 2
	}
	if f.diff && f.format != "text" && f.format != "json" && f.format != "sarif" {
		fmt.Fprintf(stderr, "wranglint: --diff and --format %s do not go together: %s has no place for a diff; use --diff alone (a unified diff), --diff --format json (the findings and a diff per file) or --diff --format sarif (the findings with their fixes)\n", f.format, f.format)
		return 2
	}
	opts := f.loadOptions(args)
	res, err := fix.Run(opts, rules.All(), f.ci.lintOptions(), f.unsafeFixes)
	if err != nil {
		fs := source.NewFileSet(opts.WorkDir, nil, nil)
		pr := project.PathProblem(fs, "", err.Error())
		d := lint.Diagnostic{Rule: lint.InternalErrorRule, Severity: lint.SeverityError, Span: pr.Span, Message: pr.Message}
		writeReport(f, stdout, &project.Project{Files: fs}, []lint.Diagnostic{d}, painter, nil)
		return 2
	}
	writeSettingsNotes(res.Project, f.verbose, stderr)
	out := res.Outcome
	masker := res.Masker()
	if out.ExitCode == 2 {
		writeReport(f, stdout, res.Project, out.Diagnostics, painter, masker)
		return 2
	}
	for _, r := range res.Refused {
		fmt.Fprintln(stderr, "wranglint:", report.Escape(masker.Mask(r.Error())))
	}
	if f.diff {
		return writeDiff(f, stdout, res, out.Diagnostics, painter)
	}
	stopSignals := catchSignals(stderr) // signals.go: no temporary file is left on SIGINT/SIGTERM
	err = fix.Write(res)
	stopSignals()
	if err != nil {
		// Nothing (or not everything) was written: report what was found.
		ds := append(append([]lint.Diagnostic(nil), res.Applied...), out.Diagnostics...)
		ds = append(ds, writeErrorDiagnostic(res.Project.Files, err))
		lint.SortDiagnostics(ds)
		writeReport(f, stdout, res.Project, ds, painter, masker)
		return 2
	}
	writeReport(f, stdout, res.Project, out.Diagnostics, painter, masker)
	if len(res.Fixed) > 0 && !f.quiet {
		// what went away, not how many fixes were applied: one fix can
		// settle several findings
		fmt.Fprintln(stderr, report.FixSummary(len(res.Initial), len(out.Diagnostics), len(res.Fixed)))
	}
	if f.exitOnFix && len(res.Fixed) > 0 {
		return 1
	}
	warnAboutWarnings(out, f, stderr)
	return out.ExitCode
}

func writeErrorDiagnostic(fs *source.FileSet, err error) lint.Diagnostic {
	var we *fix.WriteError
	path, msg := "", err.Error()
	if errors.As(err, &we) {
		path, msg = we.Path, we.Msg
	}
	pr := project.PathProblem(fs, path, msg)
	return lint.Diagnostic{Rule: lint.IOErrorRule, Severity: lint.SeverityError, Span: pr.Span, Message: pr.Message}
}

// writeDiff prints what --fix would change: a unified diff; with
// --format json the remaining findings and one diff per file; with
// --format sarif the findings as they are on disk, each with its fixes
// (SARIF has no diff, and its replacements must address the disk's bytes).
func writeDiff(f *flags, w io.Writer, res *fix.Result, ds []lint.Diagnostic, painter report.Painter) int {
	code := 0
	if len(res.Fixed) > 0 && !f.ci.exitZero {
		code = 1
	}
	switch f.format {
	case "sarif":
		initial := append([]lint.Diagnostic(nil), res.Initial...)
		lint.SortDiagnostics(initial)
		if err := writeReport(f, w, res.Project, initial, painter, res.Masker()); err != nil {
			return 2
		}
		return code
	case "json":
	default:
		var diff strings.Builder
		fix.WriteDiff(&diff, res)
		io.WriteString(w, report.PaintDiff(diff.String(), painter))
		return code
	}
	var buf bytes.Buffer
	if err := writeReport(f, &buf, res.Project, ds, painter, res.Masker()); err != nil {
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

func explainVersions(out *lint.Outcome, w io.Writer) {
	c := lint.Analyze(out.Project, analyses.Routing, analyses.Refs)
	rt := analyses.RoutingOf(c)
	m := out.Project.Files.Masker() // an agent name from the code may be a credential
	for _, wk := range out.Project.Workers {
		fmt.Fprintf(w, "%s: %s; routes prefixes %s\n", report.Escape(wk.Config.File.Rel), wk.Versions.Explain(), report.Escape(m.Mask(strings.Join(rt.Prefixes(wk), ", "))))
	}
	for _, r := range analyses.RefsOf(c).Refs {
		if r.Kind == jscode.RefAgentClient {
			fmt.Fprintf(w, "%s: %s sends %q as %q (%s)\n", report.Escape(r.Span.String()), r.Via, m.Mask(r.Value), m.Mask(r.Namespace), r.Era)
		}
	}
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
			wd, _ := os.Getwd()
			p := project.Load(project.LoadOptions{Paths: orCurrent(args[1:]), WorkDir: wd})
			// No rule runs: the loader's own findings say whether the
			// project can be read at all.
			out := lint.Run(p, nil, lint.DefaultOptions())
			if out.ExitCode == 2 {
				report.WriteDiagnostics(stderr, report.Mask(out.Diagnostics, p.Files.Masker()), report.Painter{})
				*code = 2
				return nil
			}
			rt := analyses.RoutingOf(lint.Analyze(p, analyses.Routing))
			*code = report.WriteRoute(stdout, p, rt, &analyses.ResolvedRef{ClientRef: ref})
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
		Use:   "explain [RULE]",
		Short: "Print one rule's documentation (without a rule: list them)",
		Args:  cobra.MaximumNArgs(1),
		Run: func(cmd *cobra.Command, args []string) {
			if len(args) == 0 {
				fmt.Fprint(stdout, report.RuleList(append(rules.All(), lint.EngineRules()...)))
				fmt.Fprintln(stderr, "wranglint explain RULE prints one of these rules' documentation")
				return
			}
			r := rules.ByID(args[0])
			if r == nil {
				r = lint.EngineRule(args[0])
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
