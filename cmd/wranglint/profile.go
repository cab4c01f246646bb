package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"strconv"
	"strings"
	"time"

	"github.com/mattn/go-isatty"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"github.com/wranglint/wranglint/lint/cache"
	"github.com/wranglint/wranglint/lint/jscode"
	"github.com/wranglint/wranglint/lint/project"
	"github.com/wranglint/wranglint/lint/report"
)

// profileOptions are the flags about the run itself rather than the lint:
// the cache, --stats, and the hidden profiling flags.
type profileOptions struct {
	noCache    bool
	cacheDir   string
	stats      bool
	cpuProfile string
	memProfile string

	st     *project.Stats
	stderr io.Writer

	storeTried bool
	store      *cache.Store
	cache      *jscode.Cache
	journal    *cache.Journal     // of this run, when it may be replayed later
	replayed   *cache.ReplayStats // this run replayed an earlier one
	whyFull    string             // why it did not (--stats)
}

// addProfileFlags defines the flags on fs.
func addProfileFlags(fs *pflag.FlagSet, o *profileOptions) {
	fs.BoolVar(&o.noCache, "no-cache", false, "neither read nor write the cache (scanned files, and the last report of an unchanged project)")
	fs.StringVar(&o.cacheDir, "cache-dir", "", "the cache folder (default: the user cache folder's wranglint, "+cacheDirHint()+")")
	fs.BoolVar(&o.stats, "stats", false, "print counts and the time of each phase to standard error")
	fs.StringVar(&o.cpuProfile, "cpuprofile", "", "write a CPU profile of the run to `FILE` (go tool pprof)")
	fs.StringVar(&o.memProfile, "memprofile", "", "write a heap profile at exit to `FILE` (go tool pprof)")
	_ = fs.MarkHidden("cpuprofile")
	_ = fs.MarkHidden("memprofile")
}

func cacheDirHint() string {
	if d, err := jscode.DefaultCacheDir(); err == nil {
		return d
	}
	return "none on this system"
}

// start begins the CPU profile and the clock. The returned stop ends
// them, writes the heap profile and prints --stats to stderr. stdout is
// wrapped so that the first byte written ends the "rules" phase and
// begins "output".
func (o *profileOptions) start(stdout *io.Writer, stderr io.Writer) (stop func()) {
	o.stderr = stderr
	tuneGC()
	stopCPU := func() {}
	if o.cpuProfile != "" {
		if f, err := os.Create(o.cpuProfile); err != nil {
			fmt.Fprintln(stderr, "wranglint: --cpuprofile:", err)
		} else if err := pprof.StartCPUProfile(f); err != nil {
			fmt.Fprintln(stderr, "wranglint: --cpuprofile:", err)
			f.Close()
		} else {
			stopCPU = func() { pprof.StopCPUProfile(); f.Close() }
		}
	}
	if o.stats {
		o.st = &project.Stats{}
		o.st.Start()
		*stdout = &markingWriter{w: *stdout, st: o.st}
	}
	begin := time.Now()
	return func() {
		if mw, ok := (*stdout).(*markingWriter); ok && !mw.wrote && o.replayed == nil {
			o.st.Mark("rules")
		}
		o.st.Mark("output")
		if o.cache != nil {
			o.cache.Close()
			o.st.Mark("cache")
		}
		stopCPU()
		o.writeMemProfile()
		if o.st != nil {
			o.writeStats(stderr)
			fmt.Fprintf(stderr, "  (%.1f ms since the flags were read)\n", float64(time.Since(begin).Microseconds())/1000)
		}
	}
}

// writeStats prints --stats; a replayed run says so instead of counts.
func (o *profileOptions) writeStats(w io.Writer) {
	if o.replayed == nil {
		if o.whyFull != "" {
			fmt.Fprintf(w, "a full run: %s\n", report.Escape(o.whyFull))
		}
		o.st.Write(w)
		return
	}
	var buf bytes.Buffer
	o.st.Write(&buf)
	_, phases, _ := strings.Cut(buf.String(), "\n")
	fmt.Fprintf(w, "up to date: the report of the run started %s, replayed (nothing it read has changed: %d paths looked at again)\n%s",
		o.replayed.Recorded.UTC().Format(time.RFC3339), o.replayed.Paths, phases)
}

// tuneGC halves the collections (GOGC 200: a run's heap is mostly what
// it keeps until the end) under a soft limit of 256 MiB, so that a large
// monorepo's peak stays bounded; measured on 1000 generated Workers: 11%
// less CPU. GOGC or GOMEMLIMIT in the environment win.
func tuneGC() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(200)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(256 << 20)
	}
}

func (o *profileOptions) writeMemProfile() {
	if o.memProfile == "" {
		return
	}
	f, err := os.Create(o.memProfile)
	if err != nil {
		fmt.Fprintln(o.stderr, "wranglint: --memprofile:", err)
		return
	}
	defer f.Close()
	runtime.GC()
	if err := pprof.Lookup("allocs").WriteTo(f, 0); err != nil {
		fmt.Fprintln(o.stderr, "wranglint: --memprofile:", err)
	}
}

// load completes the options with the cache and the stats; a nil o
// leaves them as they are.
func (o *profileOptions) load(opts project.LoadOptions) project.LoadOptions {
	if o == nil {
		return opts
	}
	opts.Stats = o.st
	if o.cache == nil {
		o.cache = jscode.NewCache(o.openStore())
		o.cache.SetJournal(o.journal)
	}
	opts.Cache = o.cache
	return opts
}

// openStore opens the cache folder, once per run (nil with --no-cache).
func (o *profileOptions) openStore() *cache.Store {
	if !o.storeTried && !o.noCache {
		o.storeTried = true
		o.store = openStore(o.cacheDir, o.stderr)
	}
	return o.store
}

// openStore opens dir, else the user's cache folder. A folder that cannot
// be used is said once on stderr, and the run goes on without the cache;
// without a user cache folder (no HOME) it goes on silently.
func openStore(dir string, stderr io.Writer) *cache.Store {
	if dir == "" {
		d, err := jscode.DefaultCacheDir()
		if err != nil {
			return nil
		}
		dir = d
	}
	s, err := cache.Open(dir, cache.Options{})
	switch {
	case errors.Is(err, cache.ErrRefused):
		fmt.Fprintf(stderr, "wranglint: not using the cache: %s, and what another user puts there could change what wranglint reports; "+
			"make the folder yours and writable only by you (chmod go-w), or give another with --cache-dir; running without the cache\n",
			report.Escape(strings.TrimPrefix(err.Error(), cache.ErrRefused.Error()+": ")))
	case err != nil:
		fmt.Fprintf(stderr, "wranglint: cannot use the cache folder %s: %s; running without the cache\n", report.Escape(dir), report.Escape(err.Error()))
	}
	return s
}

// lint runs the lint, or replays the output of the last run with the same
// build, arguments and environment when nothing that run read or probed
// has changed (lint/cache: "warm means up to date"). A run that writes
// files (--fix) or previews them (--diff) is never replayed, nor one with
// --no-cache.
func (o *profileOptions) lint(key []string, writes bool, stdout, stderr io.Writer, run func(stdout, stderr io.Writer) int) int {
	start := time.Now()
	o.stderr = stderr
	if writes || o.openStore() == nil {
		return run(stdout, stderr)
	}
	parts := make([][]byte, len(key))
	for i, k := range key {
		parts[i] = []byte(k)
	}
	runKey := o.store.Key("run", parts...)
	out, st, ok := o.store.Replay(runKey)
	if ok {
		o.replayed = &st
		o.st.Mark("up-to-date check")
		if mw, ok := stdout.(*markingWriter); ok {
			mw.wrote = true // no rules ran
		}
		defer o.st.Mark("output")
		for _, c := range out.Chunks {
			if c.Stream == 1 {
				stdout.Write(c.Data)
			} else {
				stderr.Write(c.Data)
			}
		}
		return out.Code
	}
	o.whyFull = "no earlier run with these arguments recorded"
	if st.Changed != "" {
		o.whyFull = st.Changed + " changed since the run started " + st.Recorded.UTC().Format(time.RFC3339)
	}
	o.st.Mark("up-to-date check")
	o.journal = cache.NewJournal(start)
	var rec cache.Output
	outW, errW := rec.Capture(stdout, stderr)
	rec.Code = run(outW, errW)
	if mw, ok := stdout.(*markingWriter); ok && !mw.wrote {
		o.st.Mark("rules")
		mw.wrote = true
	}
	o.st.Mark("output")
	if err := o.store.Record(runKey, o.journal, &rec); err != nil {
		o.whyFull += "; not recorded: " + err.Error()
	}
	o.st.Mark("journal")
	return rec.Code
}

// runKey is what, besides the files, decides a lint's output: the flags
// and paths, the working folder, the environment variables read, whether
// the output is a terminal, the user and home folder (settings lookups
// stop there), and today's date (compatibility dates are compared with it).
func runKey(cmd *cobra.Command, args []string, format string, stdout, stderr io.Writer) []string {
	key := []string{"wranglint-run 1", "format=" + format}
	cmd.Flags().Visit(func(f *pflag.Flag) { key = append(key, "--"+f.Name+"="+f.Value.String()) })
	key = append(key, "args")
	key = append(key, args...)
	wd, _ := os.Getwd()
	home, err := os.UserHomeDir()
	if err != nil {
		home = "(none)"
	}
	key = append(key, "wd="+wd, "home="+home, "uid="+strconv.Itoa(os.Getuid())+","+strconv.Itoa(os.Geteuid()),
		"date="+time.Now().UTC().Format("2006-01-02"), "tty="+strconv.FormatBool(isTerminal(stdout))+strconv.FormatBool(isTerminal(stderr)))
	for _, v := range []string{"GITHUB_ACTIONS", "NO_COLOR", "FORCE_COLOR", "TERM"} {
		val, set := os.LookupEnv(v)
		key = append(key, v+"="+strconv.FormatBool(set)+val)
	}
	return key
}

func isTerminal(w io.Writer) bool {
	for {
		u, ok := w.(interface{ Unwrap() io.Writer })
		if !ok {
			break
		}
		w = u.Unwrap()
	}
	f, ok := w.(*os.File)
	return ok && isatty.IsTerminal(f.Fd())
}

// markingWriter marks the end of the rules phase at the first write.
type markingWriter struct {
	w     io.Writer
	st    *project.Stats
	wrote bool
}

// Unwrap returns the writer underneath (a terminal check looks there).
func (m *markingWriter) Unwrap() io.Writer { return m.w }

func (m *markingWriter) Write(p []byte) (int, error) {
	if !m.wrote {
		m.wrote = true
		m.st.Mark("rules")
	}
	return m.w.Write(p)
}
