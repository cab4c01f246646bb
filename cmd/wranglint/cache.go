package main

import (
	"fmt"
	"io"
	"time"

	"github.com/spf13/cobra"
	"github.com/wranglint/wranglint/lint/cache"
	"github.com/wranglint/wranglint/lint/report"
)

// cacheCommand is `wranglint cache info` and `wranglint cache clean`.
func cacheCommand(code *int, stdout, stderr io.Writer) *cobra.Command {
	var dir string
	open := func() *cache.Store {
		s := openStore(dir, stderr)
		if s == nil {
			*code = 2
		}
		return s
	}
	info := &cobra.Command{
		Use:   "info",
		Short: "Say where the cache is, what it holds and how it is trimmed",
		Args:  cobra.NoArgs,
		Run: func(cmd *cobra.Command, args []string) {
			if s := open(); s != nil {
				writeCacheInfo(stdout, s.Info())
			}
		},
	}
	clean := &cobra.Command{
		Use:   "clean",
		Short: "Remove everything wranglint keeps in the cache folder (every build's)",
		Args:  cobra.NoArgs,
		Run: func(cmd *cobra.Command, args []string) {
			if s := open(); s != nil {
				files, bytes := s.Clean()
				fmt.Fprintf(stdout, "removed %d file(s), %s, from %s\n", files, size(bytes), report.Escape(s.Dir()))
			}
		},
	}
	c := &cobra.Command{
		Use:   "cache",
		Short: "Inspect or empty the cache of scanned files and unchanged projects' reports",
		Long: "wranglint keeps, in the user's cache folder, the facts it found in each script and the last report\n" +
			"of each way it was run, so that an unchanged project is answered without linting it again.\n" +
			"Entries unused for 5 days are removed, and the folder is kept under 1 GiB (checked once a day).",
	}
	c.PersistentFlags().StringVar(&dir, "cache-dir", "", "the cache folder (default: the user cache folder's wranglint, "+cacheDirHint()+")")
	c.AddCommand(info, clean)
	return c
}

func writeCacheInfo(w io.Writer, in cache.Info) {
	fmt.Fprintf(w, "cache folder: %s\n", report.Escape(in.Dir))
	fmt.Fprintf(w, "this build:   %d entries in %d pack(s), %s\n", in.Entries, in.Packs, size(in.PackBytes))
	fmt.Fprintf(w, "other builds: %d pack(s), %s (never read by this build; removed when unused for %s)\n", in.OtherPacks, size(in.OtherBytes), days(in.TrimAge))
	fmt.Fprintf(w, "reports:      %d recorded run(s), %s\n", in.Records, size(in.RecordBytes))
	if in.Legacy > 0 {
		fmt.Fprintf(w, "old layout:   %d file(s) of an earlier wranglint (removed at the next trim)\n", in.Legacy)
	}
	last := "never"
	if !in.LastTrim.IsZero() {
		last = in.LastTrim.UTC().Format(time.RFC3339)
	}
	fmt.Fprintf(w, "trimmed:      %s; once a day, what no run used for %s goes, then the least recently used until under %s\n",
		last, days(in.TrimAge), size(in.MaxSize))
}

func size(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GiB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}

func days(d time.Duration) string { return fmt.Sprintf("%d days", int(d.Hours()/24)) }
