package main

import (
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"strconv"
	"time"

	"github.com/spf13/pflag"
	"github.com/wranglint/wranglint/lint/jscode"
	"github.com/wranglint/wranglint/lint/project"
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
	cache  *jscode.Cache
}

// addProfileFlags defines the flags on fs.
func addProfileFlags(fs *pflag.FlagSet, o *profileOptions) {
	fs.BoolVar(&o.noCache, "no-cache", false, "neither read nor write the cache of scanned files")
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
		stopCPU()
		o.writeMemProfile()
		if o.st != nil {
			if mw, ok := (*stdout).(*markingWriter); ok && !mw.wrote {
				o.st.Mark("rules")
			}
			o.st.Mark("output")
			o.st.Write(stderr)
			fmt.Fprintf(stderr, "  (%.1f ms since the flags were read)\n", float64(time.Since(begin).Microseconds())/1000)
		}
	}
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
	if o.noCache {
		return opts
	}
	if o.cache == nil {
		dir := o.cacheDir
		if dir == "" {
			d, err := jscode.DefaultCacheDir()
			if err != nil {
				return opts // no user cache folder (no HOME): run without
			}
			dir = d
		}
		o.cache = jscode.OpenCache(dir, cacheVersion())
	}
	opts.Cache = o.cache
	return opts
}

// cacheVersion is wranglint's version; a development build adds its
// executable's size and time, since its scanner may differ from the last
// one's under the same name.
func cacheVersion() string {
	v := buildVersion()
	if v != "dev" {
		return v
	}
	if exe, err := os.Executable(); err == nil {
		if info, err := os.Stat(exe); err == nil {
			return fmt.Sprintf("dev %d %d", info.Size(), info.ModTime().UnixNano())
		}
	}
	return v + " " + strconv.FormatInt(time.Now().UnixNano(), 10) // unknown build: never reuse
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
