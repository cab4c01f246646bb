package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// TestStatsAndCache: --stats names every phase and counts cache hits; a
// second run with the same --cache-dir and nothing changed replays the
// first one's report; after an edit, every unchanged file's facts come
// from the cache; --no-cache writes nothing.
func TestStatsAndCache(t *testing.T) {
	dir := copySample(t)
	cache := t.TempDir()
	args := []string{"--stats", "--cache-dir", cache, "--format", "json", "."}
	out1, err1 := runIn(t, dir, args...)
	for _, phase := range []string{"up-to-date check", "discover", "configs", "module graphs", "scan", "model", "rules", "journal", "output", "total"} {
		if !strings.Contains(err1, "  "+phase+" ") {
			t.Errorf("--stats lacks phase %q:\n%s", phase, err1)
		}
	}
	if !strings.Contains(err1, "cache hits 0") || !strings.Contains(err1, "a full run: no earlier run with these arguments recorded") {
		t.Errorf("first run: %s", err1)
	}
	out2, err2 := runIn(t, dir, args...)
	if !strings.HasPrefix(err2, "up to date: the report of the run started ") || out2 != out1 {
		t.Errorf("an unchanged project is replayed:\n%s\n---\n%s", out2, err2)
	}
	client := filepath.Join(dir, "src", "client.tsx")
	data, _ := os.ReadFile(client)
	os.WriteFile(client, append(data, "\n// edited\n"...), 0o644)
	out3, err3 := runIn(t, dir, args...)
	// every other scan from the cache; graphs are assembled from those facts
	m := regexp.MustCompile(`scanned (\d+) \(cache hits (\d+)\), module graphs (\d+)`).FindStringSubmatch(err3)
	if m == nil || m[1] == "0" || m[3] == "0" || atoi(m[2]) != atoi(m[1])-1 || !strings.Contains(err3, "src/client.tsx changed since the run started") {
		t.Errorf("after an edit, every other file from the cache: %s", err3)
	}
	if out3 != out1 {
		t.Errorf("a comment changed the findings:\n%s\n---\n%s", out1, out3)
	}
	empty := t.TempDir()
	runIn(t, dir, "--no-cache", "--cache-dir", empty, ".")
	if entries, _ := os.ReadDir(empty); len(entries) != 0 {
		t.Errorf("--no-cache wrote %d entries", len(entries))
	}
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

func TestProfiles(t *testing.T) {
	dir := copySample(t)
	cpu, mem := filepath.Join(t.TempDir(), "cpu.prof"), filepath.Join(t.TempDir(), "mem.prof")
	runIn(t, dir, "--no-cache", "--cpuprofile", cpu, "--memprofile", mem, ".")
	for _, p := range []string{cpu, mem} {
		if info, err := os.Stat(p); err != nil || info.Size() == 0 {
			t.Errorf("%s not written: %v", p, err)
		}
	}
	var help bytes.Buffer
	run([]string{"--help"}, &help, &help)
	if strings.Contains(help.String(), "cpuprofile") || !strings.Contains(help.String(), "--no-cache") {
		t.Errorf("--cpuprofile is hidden, --no-cache is not:\n%s", help.String())
	}
}

// copySample copies the CoderAgent sample out of the repository, so that
// no other Worker of the repository is loaded with it.
func copySample(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	err := filepath.WalkDir(sample, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(sample, path)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dir, rel), 0o755)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dir, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

func runIn(t *testing.T, dir string, args ...string) (string, string) {
	t.Helper()
	out, errb, code := runBinary(t, dir, args...)
	if code == 2 {
		t.Fatalf("wranglint %s: exit 2\n%s", strings.Join(args, " "), errb)
	}
	return out, errb
}
