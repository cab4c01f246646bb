// Command gen writes a benchmark monorepo of Agents Workers with seeded
// mistakes (-out), checks a `wranglint --format json` report against the
// manifest it wrote (-check), or times the floor: reading and parsing the
// same files and nothing else (-floor).
//
//	go run ./internal/gen -n 1000 -out /tmp/mono -mistakes 0.1
//	wranglint --format json /tmp/mono > report.json
//	go run ./internal/gen -check /tmp/mono/manifest.json < report.json
//	go run ./internal/gen -floor /tmp/mono
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/wranglint/wranglint/internal/gen/monorepo"
)

func main() {
	n := flag.Int("n", 10, "number of Workers")
	out := flag.String("out", "", "folder to write the monorepo to (created)")
	share := flag.Float64("mistakes", 0.1, "share of Workers seeded with a mistake of each core rule (at most 0.2)")
	seed := flag.Uint64("seed", 1, "random seed for where mistakes go")
	check := flag.String("check", "", "manifest.json to check a JSON report (stdin) against")
	floor := flag.String("floor", "", "only read and parse the files below this folder that wranglint reads (the benchmark's floor)")
	flag.Parse()
	switch {
	case *floor != "":
		os.Exit(runFloor(*floor, os.Stdout))
	case *check != "":
		os.Exit(runCheck(*check, os.Stdin, os.Stdout))
	case *out != "":
		m, err := monorepo.Write(*out, monorepo.Options{Workers: *n, Mistakes: *share, Seed: *seed})
		if err != nil {
			fmt.Fprintln(os.Stderr, "gen:", err)
			os.Exit(1)
		}
		fmt.Printf("wrote %d Workers with %d seeded mistakes to %s\n", m.Workers, len(m.Seeded), *out)
	default:
		flag.Usage()
		os.Exit(2)
	}
}

// runCheck exits 0 when the report holds exactly the seeded mistakes (per
// rule and Worker) among the core rules.
func runCheck(manifestPath string, report io.Reader, w io.Writer) int {
	data, err := os.ReadFile(manifestPath)
	if err != nil {
		fmt.Fprintln(w, "gen:", err)
		return 2
	}
	var m monorepo.Manifest
	var r struct{ Diagnostics []monorepo.Finding }
	if err := json.Unmarshal(data, &m); err != nil {
		fmt.Fprintln(w, "gen: manifest:", err)
		return 2
	}
	if err := json.NewDecoder(report).Decode(&r); err != nil {
		fmt.Fprintln(w, "gen: report:", err)
		return 2
	}
	missed, unexpected := m.Check(r.Diagnostics)
	for _, s := range missed {
		fmt.Fprintln(w, "missed:", s)
	}
	for _, f := range unexpected {
		fmt.Fprintln(w, "unexpected:", f)
	}
	others := len(r.Diagnostics)
	for _, f := range r.Diagnostics {
		for _, rule := range m.Rules {
			if f.Rule == rule {
				others--
				break
			}
		}
	}
	fmt.Fprintf(w, "seeded %d, found %d, missed %d, unexpected %d (other rules: %d findings)\n",
		len(m.Seeded), len(m.Seeded)-len(missed), len(missed), len(unexpected), others)
	if len(missed)+len(unexpected) > 0 {
		return 1
	}
	return 0
}
