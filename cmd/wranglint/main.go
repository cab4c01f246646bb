// Command wranglint lints Cloudflare Workers projects: the wrangler config
// and the Worker's code together. This file only wires the CLI.
package main

import (
	"fmt"
	"io"
	"os"
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
	fix             bool
	unsafeFixes     bool
	diff            bool
	exitOnFix       bool
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
			"Exit codes: 0 no error found, 1 errors found, 2 usage, I/O or syntax error.",
		Args:          cobra.ArbitraryArgs,
		SilenceUsage:  true,
		SilenceErrors: true,
		RunE: func(cmd *cobra.Command, args []string) error {
			code = lintCommand(f, args, stdout, stderr)
			return nil
		},
	}
	root.Flags().StringVar(&f.format, "format", "text", "output format: text or json")
	root.Flags().StringVar(&f.color, "color", "auto", "colour: auto, always or never (auto honours NO_COLOR and FORCE_COLOR)")
	root.Flags().BoolVar(&f.explainVersions, "explain-versions", false, "say which agents/partyserver versions decide the URL names, and why")
	root.Flags().BoolVar(&f.fix, "fix", false, "apply every safe fix, write the files, then report what remains")
	root.Flags().BoolVar(&f.unsafeFixes, "unsafe-fixes", false, "with --fix or --diff: apply the unsafe fixes too")
	root.Flags().BoolVar(&f.diff, "diff", false, "write nothing; print a unified diff of what --fix would change (exit 1 when non-empty)")
	root.Flags().BoolVar(&f.exitOnFix, "exit-non-zero-on-fix", false, "with --fix: exit 1 whenever a file was changed (for pre-commit)")
	root.AddCommand(routeCommand(&code, stdout, stderr), rulesCommand(stdout), explainCommand(&code, stdout, stderr), versionCommand(stdout))
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
	if f.format != "text" && f.format != "json" {
		fmt.Fprintf(stderr, "wranglint: unknown --format %q (use text or json)\n", f.format)
		return 2
	}
	painter, ok := colorChoice(f.color, stdout)
	if !ok {
		fmt.Fprintf(stderr, "wranglint: unknown --color %q (use auto, always or never)\n", f.color)
		return 2
	}
	if f.fix || f.diff {
		return fixCommand(f, args, painter, stdout, stderr)
	}
	project, ds, code := lintPaths(args, stderr)
	if f.explainVersions {
		explainVersions(project, stderr)
	}
	if err := writeReport(f, stdout, project, ds, painter); err != nil {
		return 2
	}
	return code
}

// writeReport prints findings in the chosen format.
func writeReport(f *flags, w io.Writer, p *lint.Project, ds []lint.Diagnostic, painter report.Painter) error {
	if f.format == "json" {
		return report.WriteJSON(w, ds, p.Files.Rel)
	}
	report.WriteText(w, ds, painter)
	return nil
}

// lintPaths loads and lints; load problems go to stderr.
func lintPaths(args []string, stderr io.Writer) (*lint.Project, []lint.Diagnostic, int) {
	if len(args) == 0 {
		args = []string{"."}
	}
	wd, _ := os.Getwd()
	project := lint.Load(lint.LoadOptions{Paths: args, WorkDir: wd})
	for _, err := range project.Errors {
		fmt.Fprintln(stderr, "wranglint:", err)
	}
	ds := lint.Run(project, rules.All())
	code := lint.ExitCode(project, ds)
	if len(project.Workers) == 0 && code == 0 {
		fmt.Fprintf(stderr, "wranglint: no wrangler.json, wrangler.jsonc or wrangler.toml found in %s\n", strings.Join(args, ", "))
		code = 2
	}
	return project, ds, code
}

// fixCommand runs --fix or --diff.
func fixCommand(f *flags, args []string, painter report.Painter, stdout, stderr io.Writer) int {
	if f.fix && f.diff {
		fmt.Fprintln(stderr, "wranglint: --fix and --diff do not go together (--diff writes nothing)")
		return 2
	}
	if len(args) == 0 {
		args = []string{"."}
	}
	wd, _ := os.Getwd()
	res, err := fix.Run(lint.LoadOptions{Paths: args, WorkDir: wd}, rules.All(), f.unsafeFixes)
	if err != nil {
		fmt.Fprintln(stderr, "wranglint:", err)
		return 2
	}
	for _, err := range res.Project.Errors {
		fmt.Fprintln(stderr, "wranglint:", err)
	}
	code := lint.ExitCode(res.Project, res.Remaining)
	if code == 2 || len(res.Project.Workers) == 0 {
		if len(res.Project.Workers) == 0 && code != 2 {
			fmt.Fprintf(stderr, "wranglint: no wrangler.json, wrangler.jsonc or wrangler.toml found in %s\n", strings.Join(args, ", "))
		}
		writeReport(f, stdout, res.Project, res.Remaining, painter)
		return 2
	}
	if f.diff {
		fix.WriteDiff(stdout, res)
		if len(res.Fixed) > 0 {
			return 1
		}
		return 0
	}
	if err := fix.Write(res); err != nil {
		fmt.Fprintln(stderr, "wranglint:", err)
		return 2
	}
	writeReport(f, stdout, res.Project, res.Remaining, painter)
	if n := len(res.Applied); n > 0 {
		fmt.Fprintf(stderr, "fixed %d finding(s) in %d file(s)\n", n, len(res.Fixed))
	}
	if f.exitOnFix && len(res.Fixed) > 0 {
		return 1
	}
	return code
}

func explainVersions(p *lint.Project, w io.Writer) {
	for _, wk := range p.Workers {
		fmt.Fprintf(w, "%s: %s; routes prefixes %s\n", wk.Config.File.Rel, wk.Versions.Explain(), strings.Join(wk.Prefixes, ", "))
	}
	for _, r := range p.Refs {
		if r.Kind == jscode.RefAgentClient {
			fmt.Fprintf(w, "%s: %s sends %q as %q (%s)\n", r.Span, r.Via, r.Value, r.Namespace, r.Era)
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
			project, _, loadCode := lintPaths(args[1:], stderr)
			if loadCode == 2 {
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
	if version != "" {
		return version
	}
	if info, ok := debug.ReadBuildInfo(); ok && info.Main.Version != "" && info.Main.Version != "(devel)" {
		return info.Main.Version
	}
	return "dev"
}
