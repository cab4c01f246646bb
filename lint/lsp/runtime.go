package lsp

import (
	"os"
	"runtime/debug"
)

// TuneRuntime sets the garbage collector for a long-lived server: each
// keystroke allocates a new snapshot while the last one is still live, so
// the default GOGC=100 collects on nearly every lint. Collecting at 4x the
// live heap (capped by a 2 GiB soft limit) cuts a keystroke's CPU by about
// a quarter on cloudflare/agents. GOGC and GOMEMLIMIT, when set, win.
func TuneRuntime() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(400)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(2 << 30)
	}
}
