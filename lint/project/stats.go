package project

import (
	"fmt"
	"io"
	"sync"
	"sync/atomic"
	"time"
)

// Stats are the counts and phase times of one run, for --stats. A nil
// *Stats records nothing, so callers need not check.
type Stats struct {
	workers, configs int
	// read counts the JS/TS files read for scanning, scanned those scanned
	// (or taken from the cache), hits those taken from the cache.
	read, scanned, hits atomic.Int64
	// modules counts module graphs (assembled every run from the facts).
	modules atomic.Int64
	mu      sync.Mutex
	phases  []phase
	last    time.Time
	lastCPU time.Duration
}

// countRead counts n source files read for scanning.
func (s *Stats) countRead(n int) {
	if s != nil {
		s.read.Add(int64(n))
	}
}

// countScan counts one scanned file, from the cache or not.
func (s *Stats) countScan(cached bool) {
	if s != nil {
		s.scanned.Add(1)
		if cached {
			s.hits.Add(1)
		}
	}
}

// countModules counts module graphs built and taken from the cache.
func (s *Stats) countModules(n int) {
	if s != nil {
		s.modules.Add(int64(n))
	}
}

// countProject records the size of a loaded project.
func (s *Stats) countProject(workers, configs int) {
	if s != nil {
		s.mu.Lock()
		s.workers, s.configs = workers, configs
		s.mu.Unlock()
	}
}

type phase struct {
	name      string
	wall, cpu time.Duration
	peak      int64 // peak resident bytes at the phase's end
}

// Start begins timing: the next Mark measures from now.
func (s *Stats) Start() {
	if s != nil {
		s.mu.Lock()
		s.last = time.Now()
		s.lastCPU, _ = usage()
		s.mu.Unlock()
	}
}

// Mark ends the phase name (begun at the previous Mark or Start); phases
// with the same name add up (the fixer loads several times).
func (s *Stats) Mark(name string) {
	if s == nil {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	now := time.Now()
	cpu, peak := usage()
	if s.last.IsZero() {
		s.last, s.lastCPU = now, cpu
	}
	s.add(phase{name, now.Sub(s.last), cpu - s.lastCPU, peak})
	s.last, s.lastCPU = now, cpu
}

func (s *Stats) add(p phase) {
	for i := range s.phases {
		if s.phases[i].name == p.name {
			s.phases[i].wall += p.wall
			s.phases[i].cpu += p.cpu
			s.phases[i].peak = max(s.phases[i].peak, p.peak)
			return
		}
	}
	s.phases = append(s.phases, p)
}

// Write prints the counts and the time of each phase.
func (s *Stats) Write(w io.Writer) {
	if s == nil {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	fmt.Fprintf(w, "workers %d, configs %d, source files read %d, scanned %d (cache hits %d), module graphs %d\n",
		s.workers, s.configs, s.read.Load(), s.scanned.Load(), s.hits.Load(), s.modules.Load())
	total := phase{name: "total"}
	for _, p := range s.phases {
		total.wall += p.wall
		total.cpu += p.cpu
		total.peak = max(total.peak, p.peak)
	}
	fmt.Fprintf(w, "  %-14s %10s %10s %12s\n", "phase", "wall ms", "CPU ms", "peak RSS MB")
	for _, p := range append(s.phases, total) {
		fmt.Fprintf(w, "  %-14s %10.1f %10.1f %12.0f\n", p.name, ms(p.wall), ms(p.cpu), float64(p.peak)/(1<<20))
	}
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// Scans returns how many source files were scanned and how many of those
// came from the cache (--watch says how many it parsed again).
func (s *Stats) Scans() (scanned, hits int) {
	if s == nil {
		return 0, 0
	}
	return int(s.scanned.Load()), int(s.hits.Load())
}

// Phase returns the wall and CPU time recorded for one phase (CPU time
// is the whole process's, so it counts every goroutine, and is 0 where
// the system does not say).
func (s *Stats) Phase(name string) (wall, cpu time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, p := range s.phases {
		if p.name == name {
			return p.wall, p.cpu
		}
	}
	return 0, 0
}
