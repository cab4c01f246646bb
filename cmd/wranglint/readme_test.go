package main

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

const readmePath = "../../README.md"

// readmeSamples are the outputs the README shows, each produced here by
// the binary: a sample in the README is the real output, byte for byte.
// In the README each follows a line `<!-- sample: NAME -->`.
var readmeSamples = []struct {
	name string
	dir  string // where wranglint runs, from this package's folder
	args []string
}{
	{"lint", "../..", []string{"testdata/coderagent"}},
	{"json", sample, []string{"--format", "json"}},
	{"github", sample, []string{"--format", "github"}},
	{"statistics", sample, []string{"--statistics"}},
	{"routes", sample, []string{"routes"}},
	{"routes-mermaid", sample, []string{"routes", "--format", "mermaid"}},
	{"diff", "../../testdata/fix/rename-binding/before", []string{"--diff", "--unsafe-fixes"}}, // --diff writes nothing
}

var sampleBlock = regexp.MustCompile("(?s)<!-- sample: ([a-z-]+) -->\n```([a-z]*)\n(.*?)```\n")

// TestReadmeSamples compares each sample with what the binary prints
// (CR line endings dropped: the README does not show them); -update
// rewrites them.
func TestReadmeSamples(t *testing.T) {
	data, err := os.ReadFile(readmePath)
	if err != nil {
		t.Fatal(err)
	}
	text := string(data)
	found := map[string]bool{}
	for _, m := range sampleBlock.FindAllStringSubmatch(text, -1) {
		found[m[1]] = true
	}
	for _, s := range readmeSamples {
		if !found[s.name] {
			t.Errorf("the README has no `<!-- sample: %s -->` block", s.name)
		}
	}
	updated := sampleBlock.ReplaceAllStringFunc(text, func(block string) string {
		m := sampleBlock.FindStringSubmatch(block)
		for _, s := range readmeSamples {
			if s.name != m[1] {
				continue
			}
			out, _, _ := runBinary(t, s.dir, s.args...)
			out = strings.ReplaceAll(out, "\r", "")
			if out != m[3] && !*update {
				t.Errorf("README sample %q is not what `wranglint %s` prints (go test ./cmd/wranglint -run ReadmeSamples -update rewrites it):\n%s", s.name, strings.Join(s.args, " "), out)
			}
			return "<!-- sample: " + s.name + " -->\n```" + m[2] + "\n" + out + "```\n"
		}
		t.Errorf("README sample %q is made by no entry of readmeSamples", m[1])
		return block
	})
	if *update && updated != text {
		if err := os.WriteFile(readmePath, []byte(updated), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// The sample users read carries no test annotation: it is the golden case
// testdata/cases/coderagent with its `// want` comments removed.
func TestSampleIsTheGoldenCase(t *testing.T) {
	const golden = "../../testdata/cases/coderagent"
	want := regexp.MustCompile(` *// want .*`)
	seen := 0
	err := filepath.WalkDir(golden, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(golden, p)
		g := mustRead(t, p)
		s, err := os.ReadFile(filepath.Join(sample, rel))
		if err != nil {
			t.Errorf("the sample lacks %s", rel)
			return nil
		}
		seen++
		if stripped := want.ReplaceAll(g, nil); string(stripped) != string(s) {
			t.Errorf("%s: the sample differs from the golden case without its annotations", rel)
		}
		return nil
	})
	if err != nil || seen < 3 {
		t.Fatalf("%d files compared: %v", seen, err)
	}
	_ = filepath.WalkDir(sample, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.Contains(string(mustRead(t, p)), "// want") {
			t.Errorf("%s carries a test annotation users would see", p)
		}
		return nil
	})
}

// Every path of this repository the README names in code marks exists,
// and the Go version it asks for is go.mod's.
func TestReadmeNamesRealPaths(t *testing.T) {
	text := string(mustRead(t, readmePath))
	paths := regexp.MustCompile("`((?:lint|scripts|schema|testdata|editors|docs|cmd|internal|npm)/[A-Za-z0-9_./-]+|LICENSE|action\\.yml|\\.pre-commit-hooks\\.yaml)`")
	n := 0
	for _, m := range paths.FindAllStringSubmatch(text, -1) {
		p := strings.TrimSuffix(m[1], "/")
		if _, err := os.Stat(filepath.Join("../..", filepath.FromSlash(p))); err != nil {
			t.Errorf("the README names %s, which does not exist", m[1])
		}
		n++
	}
	if n < 20 {
		t.Errorf("only %d paths checked", n)
	}
	gomod := string(mustRead(t, "../../go.mod"))
	goVersion := regexp.MustCompile(`(?m)^go (\d+\.\d+)`).FindStringSubmatch(gomod)
	if goVersion == nil || !strings.Contains(text, "Go "+goVersion[1]+" or later") {
		t.Errorf("the README does not say \"Go %v or later\" as go.mod does", goVersion)
	}
	for _, stale := range regexp.MustCompile(`Go 1\.\d+ or later`).FindAllString(text, -1) {
		if goVersion != nil && stale != "Go "+goVersion[1]+" or later" {
			t.Errorf("the README says %q; go.mod says go %s", stale, goVersion[1])
		}
	}
}
