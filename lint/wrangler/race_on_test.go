//go:build race

package wrangler

// raceEnabled: the race detector slows code tenfold, so tests that bound
// time (against quadratic blow-ups) are skipped under it.
const raceEnabled = true
