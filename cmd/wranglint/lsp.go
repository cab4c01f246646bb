package main

import (
	"context"
	"io"
	"os"
	"os/signal"
	"time"

	"github.com/spf13/cobra"
	"github.com/wranglint/wranglint/lint/jscode"
	"github.com/wranglint/wranglint/lint/lsp"
	"github.com/wranglint/wranglint/rules"
)

// lspCommand is `wranglint lsp`: the language server, over standard
// input and output. Standard output carries the protocol alone; the
// server's own log goes to standard error, which editors show in their
// log pane.
func lspCommand(code *int, stderr io.Writer) *cobra.Command {
	var debounce time.Duration
	var noCache bool
	cmd := &cobra.Command{
		Use:   "lsp",
		Short: "Run the language server (diagnostics, fixes, hover, go to definition) over standard input and output",
		Long: "wranglint lsp speaks the Language Server Protocol over standard input and output, for editors:\n" +
			"findings in wrangler configs, .wranglint.jsonc and the Workers' code as you type (unsaved buffers\n" +
			"included), fixes and suppressions as code actions, hover and go to definition between Durable\n" +
			"Object bindings and their clients. It never writes a file: the editor applies the edits.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			var cache *jscode.Cache
			if !noCache {
				cache = jscode.NewCache(openStore("", stderr))
				defer cache.Close()
			}
			ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
			defer stop()
			lsp.TuneRuntime()
			s := lsp.NewServer(lsp.Options{Engine: lsp.NewEngine(rules.All(), cache), Version: buildVersion(), Debounce: debounce, Log: stderr})
			*code = s.Serve(ctx, stdio{})
			return nil
		},
	}
	// Clients such as vscode-languageclient pass --stdio; it is the only
	// transport, so the flag changes nothing.
	cmd.Flags().Bool("stdio", true, "speak over standard input and output (the only transport)")
	cmd.Flags().DurationVar(&debounce, "debounce", lsp.DefaultDebounce, "how long the buffers must stay unchanged before a lint starts")
	cmd.Flags().BoolVar(&noCache, "no-cache", false, "neither read nor write the cache of scanned files")
	return cmd
}

// stdio is standard input and output as one stream.
type stdio struct{}

func (stdio) Read(p []byte) (int, error)  { return os.Stdin.Read(p) }
func (stdio) Write(p []byte) (int, error) { return os.Stdout.Write(p) }
func (stdio) Close() error                { return nil }
