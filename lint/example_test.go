package lint

import (
	"reflect"
	"strings"
	"testing"
)

func TestExampleFiles(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []ExampleFile
	}{
		{"one file", "-- wrangler.jsonc --\n{}\n",
			[]ExampleFile{{"wrangler.jsonc", "{}\n"}}},
		{"several files, folders", "-- wrangler.jsonc --\n{ \"main\": \"src/index.ts\" }\n-- src/index.ts --\nexport default {};\n",
			[]ExampleFile{{"wrangler.jsonc", "{ \"main\": \"src/index.ts\" }\n"}, {"src/index.ts", "export default {};\n"}}},
		{"a missing final newline is added", "-- a.ts --\nx", []ExampleFile{{"a.ts", "x\n"}}},
		{"blank lines before the first header", "\n\n-- a.ts --\nx\n", []ExampleFile{{"a.ts", "x\n"}}},
		{"empty file", "-- a.ts --\n-- b.ts --\ny\n", []ExampleFile{{"a.ts", ""}, {"b.ts", "y\n"}}},
		{"blank lines inside a file are kept", "-- a.ts --\nx\n\ny\n\n", []ExampleFile{{"a.ts", "x\n\ny\n\n"}}},
		{"CRLF headers", "-- a.ts --\r\nx\r\n", []ExampleFile{{"a.ts", "x\r\n"}}},
		{"lines that only look like headers", "-- a.ts --\n--x--\n-- \n// -- b --\n",
			[]ExampleFile{{"a.ts", "--x--\n-- \n// -- b --\n"}}},
		{"spaces around the path", "--   a.ts   --\nx\n", []ExampleFile{{"a.ts", "x\n"}}},
	}
	for _, tt := range tests {
		got, err := ExampleFiles(tt.in)
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: got %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestExampleFilesErrors(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"text before the first header", "// wrangler.jsonc\n-- a.ts --\n", "line 1: text before the first"},
		{"no header", "{}\n", "text before the first"},
		{"nothing", "", "no \"-- path --\" header"},
		{"empty path", "-- --\nx\n", "empty file path"},
		{"absolute path", "-- /etc/passwd --\nx\n", "absolute"},
		{"drive letter", "-- C:/x.ts --\nx\n", "absolute"},
		{"parent folder", "-- ../x.ts --\nx\n", "leaves the example's folder"},
		{"parent folder inside", "-- src/../../x.ts --\nx\n", "leaves the example's folder"},
		{"backslash", "-- src\\x.ts --\nx\n", "use /"},
		{"unclean path", "-- ./src/x.ts --\nx\n", "not clean"},
		{"repeated path", "-- a.ts --\nx\n-- a.ts --\ny\n", "line 3: file \"a.ts\" is given twice"},
	}
	for _, tt := range tests {
		got, err := ExampleFiles(tt.in)
		if err == nil {
			t.Errorf("%s: no error, got %q", tt.name, got)
			continue
		}
		if !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: error %q, want it to contain %q", tt.name, err, tt.want)
		}
	}
}
