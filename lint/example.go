package lint

import (
	"fmt"
	"path"
	"strings"
)

// ExampleFile is one file of a rule's documented example.
type ExampleFile struct {
	Path string // relative, slash-separated
	Text string // ends with a newline
}

// ExampleFiles splits a Doc's Bad or Good example, a small project in
// txtar form: each file starts with a line "-- path --" and runs to the
// next such line. Blank lines may precede the first header; any other text
// there is an error, since it would silently belong to no file.
func ExampleFiles(txt string) ([]ExampleFile, error) {
	var files []ExampleFile
	seen := map[string]bool{}
	var body strings.Builder
	flush := func() {
		if len(files) > 0 {
			files[len(files)-1].Text = withNewline(body.String())
		}
		body.Reset()
	}
	for i, line := range strings.SplitAfter(txt, "\n") {
		name, isHeader := exampleHeader(line)
		if !isHeader {
			if len(files) == 0 && strings.TrimSpace(line) != "" {
				return nil, fmt.Errorf("line %d: text before the first \"-- path --\" header", i+1)
			}
			body.WriteString(line)
			continue
		}
		if err := checkExamplePath(name); err != nil {
			return nil, fmt.Errorf("line %d: %w", i+1, err)
		}
		if seen[name] {
			return nil, fmt.Errorf("line %d: file %q is given twice", i+1, name)
		}
		seen[name] = true
		flush()
		files = append(files, ExampleFile{Path: name})
	}
	flush()
	if len(files) == 0 {
		return nil, fmt.Errorf("no \"-- path --\" header: an example needs at least one file")
	}
	return files, nil
}

// exampleHeader recognises "-- path --" and returns the trimmed path.
func exampleHeader(line string) (string, bool) {
	line = strings.TrimRight(line, "\r\n")
	if len(line) < len("----") || !strings.HasPrefix(line, "--") || !strings.HasSuffix(line, "--") {
		return "", false
	}
	inner := line[2 : len(line)-2]
	if inner == "" || inner[0] != ' ' || inner[len(inner)-1] != ' ' {
		return "", false
	}
	return strings.TrimSpace(inner), true
}

// checkExamplePath keeps every file inside the folder it is written to.
func checkExamplePath(name string) error {
	switch {
	case name == "":
		return fmt.Errorf("empty file path")
	case strings.Contains(name, `\`):
		return fmt.Errorf("path %q: use / to separate folders", name)
	case path.IsAbs(name) || len(name) > 1 && name[1] == ':':
		return fmt.Errorf("path %q is absolute", name)
	}
	for _, part := range strings.Split(name, "/") {
		if part == ".." {
			return fmt.Errorf("path %q leaves the example's folder", name)
		}
	}
	if path.Clean(name) != name {
		return fmt.Errorf("path %q is not clean (want %q)", name, path.Clean(name))
	}
	return nil
}

func withNewline(s string) string {
	if s != "" && !strings.HasSuffix(s, "\n") {
		return s + "\n"
	}
	return s
}
