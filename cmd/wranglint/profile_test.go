package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
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

// TestCacheFolderRefused: a cache folder other users can write into is not
// used: said once on stderr, and the run goes on without it, reporting
// what it reports without a cache.
func TestCacheFolderRefused(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no modes to check")
	}
	dir := copySample(t)
	shared := filepath.Join(t.TempDir(), "shared")
	os.Mkdir(shared, 0o777)
	os.Chmod(shared, 0o777)
	want, _, wantCode := runBinary(t, dir, "--no-cache", ".")
	out, errb, code := runBinary(t, dir, "--cache-dir", shared, ".")
	if out != want || code != wantCode {
		t.Errorf("the run without its cache differs: exit %d\n%s", code, out)
	}
	if n := strings.Count(errb, "not using the cache"); n != 1 || !strings.Contains(errb, "writable by other users (mode 0777)") || !strings.Contains(errb, "running without the cache") {
		t.Errorf("stderr says %d times: %s", n, errb)
	}
	if entries, _ := os.ReadDir(shared); len(entries) != 0 {
		t.Errorf("wrote %d entries into a refused folder", len(entries))
	}
}

// TestCacheCommands: `cache info` says what the folder holds and how it
// is trimmed; `cache clean` empties it of what wranglint wrote, and only
// that.
func TestCacheCommands(t *testing.T) {
	dir := copySample(t)
	cache := t.TempDir()
	runIn(t, dir, "--cache-dir", cache, ".")
	out, _, code := runBinary(t, dir, "cache", "info", "--cache-dir", cache)
	for _, want := range []string{"cache folder: " + cache, "this build:", "1 recorded run(s)", "what no run used for 5 days goes", "under 1.0 GiB"} {
		if !strings.Contains(out, want) || code != 0 {
			t.Errorf("cache info lacks %q (exit %d):\n%s", want, code, out)
		}
	}
	mine := filepath.Join(cache, "notes.txt")
	os.WriteFile(mine, []byte("a user's file"), 0o600)
	out, _, code = runBinary(t, dir, "cache", "clean", "--cache-dir", cache)
	if code != 0 || !strings.HasPrefix(out, "removed ") {
		t.Errorf("cache clean: exit %d, %s", code, out)
	}
	out, _, _ = runBinary(t, dir, "cache", "info", "--cache-dir", cache)
	if !strings.Contains(out, "0 entries in 0 pack(s)") || !strings.Contains(out, "0 recorded run(s)") {
		t.Errorf("after clean:\n%s", out)
	}
	if _, err := os.Stat(mine); err != nil {
		t.Error("cache clean removed a file wranglint did not write")
	}
}

// TestNoReplayWhenWriting: --fix is never replayed (it writes files), and
// the run after it sees what it wrote.
func TestNoReplayWhenWriting(t *testing.T) {
	dir := copySample(t)
	cache := t.TempDir()
	runIn(t, dir, "--cache-dir", cache, "--stats", ".")
	_, errb := runIn(t, dir, "--cache-dir", cache, "--stats", ".")
	if !strings.HasPrefix(errb, "up to date:") {
		t.Fatalf("not replayed: %s", errb)
	}
	for range 2 {
		_, errb, _ := runBinary(t, dir, "--cache-dir", cache, "--stats", "--fix", ".")
		if strings.Contains(errb, "up to date:") {
			t.Fatalf("--fix replayed: %s", errb)
		}
	}
	out, errb := runIn(t, dir, "--cache-dir", cache, "--stats", ".")
	if strings.HasPrefix(errb, "up to date:") || strings.Contains(out, "binding-name-case-mismatch") {
		t.Errorf("the run after --fix replayed the report from before it:\n%s\n%s", out, errb)
	}
}

// TestBuildsShareNoEntries: two builds that print the same version (the
// binary the tests built, and this test binary running the CLI
// in-process) never read each other's entries (issue 17 item 4).
func TestBuildsShareNoEntries(t *testing.T) {
	dir := copySample(t)
	cache := t.TempDir()
	var v1, v2 bytes.Buffer
	run([]string{"--version"}, &v1, &v1)
	out, _, _ := runBinary(t, dir, "--version")
	v2.WriteString(out)
	if v1.String() != v2.String() {
		t.Skipf("the two builds print different versions: %q, %q", v1.String(), v2.String())
	}
	runIn(t, dir, "--cache-dir", cache, "--stats", ".")
	_, errb := runIn(t, dir, "--cache-dir", cache, "--stats", ".")
	if !strings.HasPrefix(errb, "up to date:") {
		t.Fatalf("the binary's second run was not a replay: %s", errb)
	}
	var stdout, stderr bytes.Buffer
	t.Chdir(dir)
	run([]string{"--cache-dir", cache, "--stats", "."}, &stdout, &stderr)
	if strings.HasPrefix(stderr.String(), "up to date:") || !strings.Contains(stderr.String(), "cache hits 0") {
		t.Errorf("another build used the binary's entries:\n%s", stderr.String())
	}
}
