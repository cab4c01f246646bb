package main

import (
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"
	"github.com/wranglint/wranglint/lint"
	"github.com/wranglint/wranglint/lint/analyses"
	"github.com/wranglint/wranglint/lint/jscode"
	"github.com/wranglint/wranglint/lint/project"
	"github.com/wranglint/wranglint/lint/report"
	"github.com/wranglint/wranglint/rules"
)

// routesCommand is `wranglint routes`: the route map of the Workers below
// the paths. The exit code is 0 when the map is drawn, 2 when a file
// could not be read (the map then lacks what it holds; the problems go to
// standard error); findings do not change it.
func routesCommand(code *int, stdout, stderr io.Writer) *cobra.Command {
	var format, colour string
	var noCache bool
	cmd := &cobra.Command{
		Use:   "routes [paths...]",
		Short: "Draw the route map: each Worker's hosts and URL namespaces, what connects Workers, and what each client reaches",
		Long: "wranglint routes draws the routing of the Workers below the paths (default: the current folder): for each\n" +
			"Worker and environment its hosts (routes, custom domains, workers.dev), every URL namespace it serves\n" +
			"(binding -> /<prefix>/<namespace>/, with the SDK version that decides the name), the service bindings,\n" +
			"queues, cron triggers and tail consumers that connect Workers, and every client reference with the\n" +
			"deployments it reaches, or the finding that says why it reaches none.\n\n" +
			"Formats: text, json, mermaid (a flowchart GitHub renders in Markdown), dot (Graphviz: dot -Tsvg).",
		Args: cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if msg := report.CheckRouteFormat(format); msg != "" {
				fmt.Fprintln(stderr, "wranglint:", msg)
				*code = 2
				return nil
			}
			// colour as the lint: the map on standard output, the
			// problems on standard error, each as its own target decides
			painter, ok := report.ChooseColor(colour, stdout, os.Getenv)
			if !ok {
				fmt.Fprintf(stderr, "wranglint: unknown --color %q (use auto, always or never)\n", colour)
				*code = 2
				return nil
			}
			errPainter, _ := report.ChooseColor(colour, stderr, os.Getenv)
			wd, _ := os.Getwd()
			opts := project.LoadOptions{Paths: orCurrent(args), WorkDir: wd}
			if !noCache {
				opts.Cache = jscode.NewCache(openStore("", stderr))
				defer opts.Cache.Close()
			}
			p := project.Load(opts)
			out := lint.Run(p, rules.All(), lint.DefaultOptions())
			ds := report.Mask(out.Diagnostics, p.Files.Masker())
			m := report.BuildRouteMap(p, lint.Analyze(p, analyses.Routing, analyses.Refs), ds)
			if err := report.WriteRouteMap(stdout, m, format, painter); err != nil {
				fmt.Fprintln(stderr, "wranglint:", err)
				*code = 2
				return nil
			}
			if out.ExitCode == 2 {
				var problems []lint.Diagnostic
				for _, d := range ds {
					if d.Rule == lint.SyntaxErrorRule || d.Rule == lint.IOErrorRule || d.Rule == lint.InvalidSettingsRule || d.Rule == lint.InternalErrorRule {
						problems = append(problems, d)
					}
				}
				fmt.Fprintf(stderr, "wranglint: the map lacks what %s hold:\n", plural(len(problems), "file"))
				report.WriteDiagnostics(stderr, problems, errPainter)
				*code = 2
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&format, "format", "text", "output format: "+strings.Join(report.RouteFormats, ", "))
	cmd.Flags().StringVar(&colour, "color", "auto", "colour of the text map: auto, always or never (auto honours NO_COLOR and FORCE_COLOR)")
	cmd.Flags().BoolVar(&noCache, "no-cache", false, "neither read nor write the cache of scanned files")
	return cmd
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprint(n) + " " + word + "s"
}
