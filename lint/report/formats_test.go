package report

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"os"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/wranglint/wranglint/lint"
	"github.com/wranglint/wranglint/lint/source"
)

// sampleFindings: an error with a related place, a fix and a rename
// alternative, in a file whose name needs escaping everywhere; a warning
// over two lines in an environment; an info on a line with a BOM and
// non-ASCII text.
func sampleFindings() ([]lint.Diagnostic, []*lint.Rule) {
	cfg := source.NewFile("/w/apps/api/wrangler.jsonc", "apps/api/wrangler.jsonc",
		[]byte("{\n  \"name\": \"CoderAgent\",\n  \"env\": { \"staging\": {\n  } }\n}\n"))
	cli := source.NewFile("/w/src/a, b:c%.tsx", "src/a, b:c%.tsx", []byte("useAgent({ agent: \"coderagent\" })\n"))
	bom := source.NewFile("/w/wrangler.toml", "wrangler.toml", []byte("\xEF\xBB\xBFname = \"ünï\"\n"))
	rename := &lint.Fix{Description: "rename the file", Applicability: lint.Unsafe,
		Renames: []source.Rename{{File: cfg, To: "/w/apps/api/wrangler.json"}}}
	ds := []lint.Diagnostic{
		{Rule: "binding-name-case-mismatch", Severity: lint.SeverityError, Span: source.Span{File: cli, Start: 18, End: 30},
			Message: "100% wrong,\r\nsecond line: here",
			Related: []lint.Related{{Span: source.Span{File: cfg, Start: 12, End: 24}, Note: "the binding"}},
			Fix: &lint.Fix{Description: "write \"CoderAgent\"", Applicability: lint.Safe,
				Edits: []source.Edit{{File: cli, Start: 18, End: 30, New: "\"CoderAgent\""}, {File: cfg, Start: 0, End: 0, New: ""}}},
			Alternatives: []*lint.Fix{rename}},
		{Rule: "env-missing-binding", Severity: lint.SeverityWarning, Span: source.Span{File: cfg, Start: 37, End: 53}, Message: "env \"staging\" lacks it", Env: "staging"},
		{Rule: "agent-namespace-surprise", Severity: lint.SeverityInfo, Span: source.Span{File: bom, Start: 10, End: 17}, Message: "<surprise> & \"quotes\""},
	}
	rules := []*lint.Rule{
		{ID: "binding-name-case-mismatch", Severity: lint.SeverityError, Doc: lint.Doc{Summary: "a `client` asks for the wrong case", Why: "it fails", Fix: "rewrite the client", FixSafety: lint.FixSafeAndUnsafe}},
		{ID: "env-missing-binding", Severity: lint.SeverityWarning, Doc: lint.Doc{Summary: "an env lacks a binding"}},
		{ID: "agent-namespace-surprise", Severity: lint.SeverityInfo, Doc: lint.Doc{Summary: "a surprise"}},
	}
	return ds, rules
}

func TestSARIFValidatesAgainstTheSchema(t *testing.T) {
	ds, rules := sampleFindings()
	var out bytes.Buffer
	if err := WriteSARIF(&out, ds, Tool{Name: "wranglint", Version: "v1.2.3", InformationURI: "https://github.com/wranglint/wranglint", Rules: rules, WorkDir: "/w"}); err != nil {
		t.Fatal(err)
	}
	validateSARIF(t, out.Bytes())
	out.Reset()
	ioErrs := []lint.Diagnostic{
		{Rule: IOErrorRule, Severity: lint.SeverityError, Span: source.Span{File: source.NewFile("/w/x", "x", nil)}, Message: "permission denied"},
		{Rule: IOErrorRule, Severity: lint.SeverityError, Span: source.Span{File: source.NewFile("", "", nil)}, Message: "no path"},
	}
	if err := WriteSARIF(&out, ioErrs, Tool{Name: "wranglint"}); err != nil {
		t.Fatal(err)
	}
	validateSARIF(t, out.Bytes())
	var empty bytes.Buffer
	if err := WriteSARIF(&empty, nil, Tool{Name: "wranglint"}); err != nil {
		t.Fatal(err)
	}
	validateSARIF(t, empty.Bytes())
	if !strings.Contains(empty.String(), `"results": []`) {
		t.Error("a clean run has an empty results array (GitHub then closes earlier alerts)")
	}
}

func validateSARIF(t *testing.T, doc []byte) {
	t.Helper()
	schemaFile, err := os.Open("testdata/sarif-schema-2.1.0.json")
	if err != nil {
		t.Fatal(err)
	}
	defer schemaFile.Close()
	schemaDoc, err := jsonschema.UnmarshalJSON(schemaFile)
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource("sarif-schema-2.1.0.json", schemaDoc); err != nil {
		t.Fatal(err)
	}
	schema, err := c.Compile("sarif-schema-2.1.0.json")
	if err != nil {
		t.Fatal(err)
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(doc))
	if err != nil {
		t.Fatal(err)
	}
	if err := schema.Validate(inst); err != nil {
		t.Fatalf("SARIF output does not validate: %v\n%s", err, doc)
	}
}

type region4 struct{ StartLine, StartColumn, EndLine, EndColumn int }

func TestSARIFContent(t *testing.T) {
	ds, rules := sampleFindings()
	var out bytes.Buffer
	if err := WriteSARIF(&out, ds, Tool{Name: "wranglint", Version: "v1.2.3", InformationURI: "https://example.org/w", Rules: rules, WorkDir: "/w"}); err != nil {
		t.Fatal(err)
	}
	var log struct {
		Runs []struct {
			Tool struct {
				Driver struct {
					Name, Version, InformationURI string
					Rules                         []struct {
						ID                   string
						Help                 struct{ Text, Markdown string }
						DefaultConfiguration struct{ Level string }
					}
				}
			}
			OriginalURIBaseIDs map[string]struct{ URI string } `json:"originalUriBaseIds"`
			Results            []struct {
				RuleID    string
				RuleIndex int
				Level     string
				Message   struct{ Text string }
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct{ URI, URIBaseID string } `json:"artifactLocation"`
						Region           region4
					}
				}
				RelatedLocations []struct {
					Message struct{ Text string }
				}
				Fixes []struct {
					Description     struct{ Text string }
					ArtifactChanges []struct {
						ArtifactLocation struct{ URI string }
						Replacements     []struct {
							DeletedRegion   struct{ StartLine, StartColumn, EndLine, EndColumn int }
							InsertedContent *struct{ Text string }
						}
					}
				}
				Properties map[string]string
			}
		}
	}
	if err := json.Unmarshal(out.Bytes(), &log); err != nil {
		t.Fatal(err)
	}
	run := log.Runs[0]
	d := run.Tool.Driver
	if d.Name != "wranglint" || d.Version != "v1.2.3" || d.InformationURI != "https://example.org/w" {
		t.Errorf("driver: %+v", d)
	}
	if len(d.Rules) != len(rules)+len(lint.EngineRules()) || d.Rules[0].DefaultConfiguration.Level != "error" || d.Rules[2].DefaultConfiguration.Level != "note" {
		t.Errorf("rules: %+v", d.Rules)
	}
	if !strings.Contains(d.Rules[0].Help.Text, "Why it matters") || !strings.Contains(d.Rules[0].Help.Markdown, "Fix (safe and unsafe): rewrite the client") {
		t.Errorf("help comes from the rule's doc: %+v", d.Rules[0].Help)
	}
	if run.OriginalURIBaseIDs["%SRCROOT%"].URI != "file:///w/" {
		t.Errorf("base: %+v", run.OriginalURIBaseIDs)
	}
	r := run.Results[0]
	loc := r.Locations[0].PhysicalLocation
	if r.RuleID != "binding-name-case-mismatch" || r.RuleIndex != 0 || r.Level != "error" || loc.ArtifactLocation.URI != "src/a,%20b:c%25.tsx" || loc.ArtifactLocation.URIBaseID != "%SRCROOT%" {
		t.Errorf("result: %+v", r)
	}
	if reg := loc.Region; reg != (region4{1, 19, 1, 31}) {
		t.Errorf("region: %+v", reg)
	}
	if len(r.RelatedLocations) != 1 || r.RelatedLocations[0].Message.Text != "the binding" {
		t.Errorf("related: %+v", r.RelatedLocations)
	}
	if len(r.Fixes) != 1 || r.Fixes[0].Description.Text != "write \"CoderAgent\" (safe)" || len(r.Fixes[0].ArtifactChanges) != 2 {
		t.Fatalf("fixes (the rename alternative has no SARIF form): %+v", r.Fixes)
	}
	rep := r.Fixes[0].ArtifactChanges[0].Replacements[0]
	if rep.DeletedRegion.StartColumn != 19 || rep.DeletedRegion.EndColumn != 31 || rep.InsertedContent.Text != "\"CoderAgent\"" {
		t.Errorf("replacement: %+v", rep)
	}
	if run.Results[1].Level != "warning" || run.Results[1].Properties["env"] != "staging" || run.Results[1].Locations[0].PhysicalLocation.Region != (region4{3, 12, 4, 4}) {
		t.Errorf("warning: %+v", run.Results[1])
	}
	if reg := run.Results[2].Locations[0].PhysicalLocation.Region; run.Results[2].Level != "note" || reg.StartColumn != 8 || reg.EndColumn != 13 {
		t.Errorf("info (columns in characters, the BOM not counted): %+v", run.Results[2])
	}
}

func TestGitHubWorkflowCommands(t *testing.T) {
	ds, _ := sampleFindings()
	var out bytes.Buffer
	if err := WriteGitHub(&out, ds); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
	want := []string{
		"::error file=src/a%2C b%3Ac%25.tsx,line=1,col=19,endLine=1,endColumn=30,title=binding-name-case-mismatch::" +
			"100%25 wrong,\\r\\nsecond line: here%0Anote: apps/api/wrangler.jsonc:2:11: the binding%0Afix: write \"CoderAgent\" (safe)%0Aor: rename the file (unsafe)%0Adocs: https://github.com/wranglint/wranglint/blob/main/docs/rules/binding-name-case-mismatch.md",
		"::warning file=apps/api/wrangler.jsonc,line=3,endLine=4,title=env-missing-binding::env \"staging\" lacks it%0Adocs: https://github.com/wranglint/wranglint/blob/main/docs/rules/env-missing-binding.md",
		"::notice file=wrangler.toml,line=1,col=8,endLine=1,endColumn=12,title=agent-namespace-surprise::<surprise> & \"quotes\"%0Adocs: https://github.com/wranglint/wranglint/blob/main/docs/rules/agent-namespace-surprise.md",
		"1 error, 1 warning, 1 info in 3 files",
	}
	if len(lines) != len(want) {
		t.Fatalf("got %d lines:\n%s", len(lines), out.String())
	}
	for i := range want {
		if lines[i] != want[i] {
			t.Errorf("line %d:\n got %s\nwant %s", i+1, lines[i], want[i])
		}
	}
}

func TestGitHubIOErrors(t *testing.T) {
	var out bytes.Buffer
	err := WriteGitHub(&out, []lint.Diagnostic{
		{Rule: IOErrorRule, Severity: lint.SeverityError, Span: source.Span{File: source.NewFile("/w/x", "x", nil)}, Message: "permission denied"},
		{Rule: IOErrorRule, Severity: lint.SeverityError, Span: source.Span{File: source.NewFile("", "", nil)}, Message: "no path"},
	})
	docs := "%0Adocs: " + lint.DocsURL(IOErrorRule)
	want := "::error file=x,title=io-error::permission denied" + docs + "\n::error title=io-error::no path" + docs + "\n"
	if err != nil || !strings.HasPrefix(out.String(), want) {
		t.Errorf("got %q, want %q…", out.String(), want)
	}
}

func TestGitHubEscaping(t *testing.T) {
	if got := escapeData("a%b\r\nc:d,e"); got != "a%25b%0D%0Ac:d,e" {
		t.Errorf("data: %s", got)
	}
	if got := escapeProperty("a%b\r\nc:d,e"); got != "a%25b%0D%0Ac%3Ad%2Ce" {
		t.Errorf("property: %s", got)
	}
}

func TestCheckstyleRoundTrip(t *testing.T) {
	ds, _ := sampleFindings()
	var out bytes.Buffer
	if err := WriteCheckstyle(&out, ds); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(out.String(), xml.Header+"<checkstyle version=\"4.3\">") {
		t.Errorf("header: %.80s", out.String())
	}
	var got checkstyleReport
	if err := xml.Unmarshal(out.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if len(got.Files) != 3 || got.Files[0].Name != "src/a, b:c%.tsx" {
		t.Fatalf("files: %+v", got.Files)
	}
	e := got.Files[0].Errors[0]
	if e.Line != 1 || e.Column != 19 || e.Severity != "error" || e.Message != "100% wrong,\r\nsecond line: here" || e.Source != "wranglint.binding-name-case-mismatch" {
		t.Errorf("error: %+v", e)
	}
	if got.Files[2].Errors[0].Severity != "info" || got.Files[2].Errors[0].Message != "<surprise> & \"quotes\"" {
		t.Errorf("info: %+v", got.Files[2].Errors[0])
	}
	var empty bytes.Buffer
	got = checkstyleReport{}
	if err := WriteCheckstyle(&empty, nil); err != nil || xml.Unmarshal(empty.Bytes(), &got) != nil || len(got.Files) != 0 {
		t.Errorf("a clean run: %v %s", err, empty.String())
	}
}

func TestJUnitRoundTrip(t *testing.T) {
	ds, _ := sampleFindings()
	var out bytes.Buffer
	if err := WriteJUnit(&out, ds); err != nil {
		t.Fatal(err)
	}
	var got junitSuites
	if err := xml.Unmarshal(out.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if got.Name != "wranglint" || got.Tests != 3 || got.Failures != 3 || len(got.Suites) != 3 {
		t.Fatalf("suites: %+v", got)
	}
	c := got.Suites[0].Cases[0]
	if got.Suites[0].Tests != 1 || c.Name != "binding-name-case-mismatch at 1:19" || c.ClassName != "src/a, b:c%.tsx" || c.Failure == nil ||
		c.Failure.Type != "error" || c.Failure.Text != "src/a, b:c%.tsx:1:19: 100% wrong,\r\nsecond line: here [binding-name-case-mismatch]\n"+lint.DocsURL("binding-name-case-mismatch") {
		t.Errorf("case: %+v %+v", c, c.Failure)
	}
	var empty bytes.Buffer
	if err := WriteJUnit(&empty, nil); err != nil {
		t.Fatal(err)
	}
	got = junitSuites{}
	if err := xml.Unmarshal(empty.Bytes(), &got); err != nil || got.Tests != 1 || got.Failures != 0 || got.Suites[0].Cases[0].Failure != nil {
		t.Errorf("a clean run is one passing case: %v %s", err, empty.String())
	}
}

// Control characters from file and binding names never reach the
// workflow log raw: ESC (and so OSC 8 links), BEL, bidi overrides, line
// separators and other C0/C1 controls are escaped as the text format
// escapes them, then the runner's own escaping applies.
func TestGitHubEscapesControlCharacters(t *testing.T) {
	hostile := "a\x1b]8;;https://evil.example\x07link\x1b]8;;\x07\x1b[2J\u202egnp.\u2066x\u2069\u2028y\u0085z\x00,:%"
	f := source.NewFile("/w/"+hostile+".ts", hostile+".ts", []byte("const x = 1;\n"))
	d := lint.Diagnostic{Rule: "invalid-binding-name", Severity: lint.SeverityError, Span: source.Span{File: f, Start: 6, End: 7},
		Message: "binding \"" + hostile + "\" is wrong",
		Related: []lint.Related{{Span: source.Span{File: f, Start: 0, End: 1}, Note: "named \"" + hostile + "\" here"}},
		Fix:     &lint.Fix{Description: "rename \"" + hostile + "\"", Applicability: lint.Safe}}
	var out bytes.Buffer
	if err := WriteGitHub(&out, []lint.Diagnostic{d}); err != nil {
		t.Fatal(err)
	}
	got := strings.TrimSuffix(out.String(), "\n")
	for _, r := range got {
		if r != '\n' && source.NeedsEscape(r) {
			t.Fatalf("raw %U in the annotation:\n%q", r, got)
		}
	}
	esc := `a\x1b]8;;https%3A//evil.example\x07link\x1b]8;;\x07\x1b[2J\u202egnp.\u2066x\u2069\u2028y\u0085z\x00%2C%3A%25`
	if !strings.Contains(got, "::error file="+esc+".ts,line=1,") {
		t.Errorf("file property not escaped as expected:\n%s", got)
	}
	escData := `a\x1b]8;;https://evil.example\x07link\x1b]8;;\x07\x1b[2J\u202egnp.\u2066x\u2069\u2028y\u0085z\x00,:%25`
	for _, want := range []string{"::binding \"" + escData + "\" is wrong", "%0Anote: " + escData + ".ts:1:1: named \"" + escData + "\" here", "%0Afix: rename \"" + escData + "\" (safe)"} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in\n%s", want, got)
		}
	}
}

// Every format that can hold a link gives each finding's rule page, from
// lint.DocsURL (the language server uses it too).
func TestDocsURLsInEveryFormat(t *testing.T) {
	ds, rules := sampleFindings()
	url := lint.DocsURL("binding-name-case-mismatch")
	var sarif bytes.Buffer
	if err := WriteSARIF(&sarif, ds, Tool{Name: "wranglint", Rules: rules}); err != nil {
		t.Fatal(err)
	}
	var log struct {
		Runs []struct {
			Tool struct {
				Driver struct {
					Rules []struct {
						ID      string `json:"id"`
						HelpURI string `json:"helpUri"`
					} `json:"rules"`
				} `json:"driver"`
			} `json:"tool"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(sarif.Bytes(), &log); err != nil {
		t.Fatal(err)
	}
	for _, r := range log.Runs[0].Tool.Driver.Rules {
		if r.HelpURI != lint.DocsURL(r.ID) {
			t.Errorf("SARIF rule %s: helpUri %q", r.ID, r.HelpURI)
		}
	}
	var js bytes.Buffer
	if err := WriteJSON(&js, ds, func(s string) string { return s }); err != nil {
		t.Fatal(err)
	}
	var rep struct {
		Diagnostics []struct{ Rule, URL string }
	}
	if err := json.Unmarshal(js.Bytes(), &rep); err != nil || rep.Diagnostics[0].URL != url {
		t.Errorf("JSON url: %+v %v", rep.Diagnostics, err)
	}
	var text bytes.Buffer
	WriteText(&text, ds[:1], Painter{On: true, Links: true})
	if !strings.Contains(text.String(), "\x1b]8;;"+url+"\x1b\\") {
		t.Errorf("a terminal's [rule] links to its page:\n%q", text.String())
	}
	text.Reset()
	WriteText(&text, ds[:1], Painter{On: true})
	if strings.Contains(text.String(), "\x1b]8;") {
		t.Errorf("no link unless asked (--color always into a file):\n%q", text.String())
	}
}

func TestGitLabCodeQuality(t *testing.T) {
	ds, _ := sampleFindings()
	ds[0].Key, ds[1].Key, ds[2].Key = "k0", "k1", "k1" // the same key twice: still unique fingerprints
	var out bytes.Buffer
	if err := WriteGitLab(&out, ds); err != nil {
		t.Fatal(err)
	}
	var issues []struct {
		Description string `json:"description"`
		CheckName   string `json:"check_name"`
		Fingerprint string `json:"fingerprint"`
		Severity    string `json:"severity"`
		Location    struct {
			Path  string `json:"path"`
			Lines struct {
				Begin int `json:"begin"`
				End   int `json:"end"`
			} `json:"lines"`
		} `json:"location"`
	}
	if err := json.Unmarshal(out.Bytes(), &issues); err != nil || len(issues) != 3 {
		t.Fatalf("%v\n%s", err, out.String())
	}
	i := issues[0]
	if i.CheckName != "binding-name-case-mismatch" || i.Severity != "major" || i.Location.Path != "src/a, b:c%.tsx" || i.Location.Lines.Begin != 1 ||
		!strings.HasPrefix(i.Description, "100% wrong") || len(i.Fingerprint) != 32 {
		t.Errorf("issue: %+v", i)
	}
	if issues[1].Severity != "minor" || issues[2].Severity != "info" || issues[1].Location.Lines.Begin != 3 || issues[1].Location.Lines.End != 4 {
		t.Errorf("severities and lines: %+v", issues)
	}
	if issues[1].Fingerprint == issues[2].Fingerprint {
		t.Error("fingerprints are unique")
	}
	// The fingerprint follows the key, not the line: moved, it is the same.
	moved := append([]lint.Diagnostic(nil), ds...)
	moved[0].Span.Start, moved[0].Span.End = 0, 5
	var again bytes.Buffer
	WriteGitLab(&again, moved)
	if !strings.Contains(again.String(), issues[0].Fingerprint) {
		t.Error("a finding that moved keeps its fingerprint")
	}
	var empty bytes.Buffer
	if WriteGitLab(&empty, nil); strings.TrimSpace(empty.String()) != "[]" {
		t.Errorf("a clean run is an empty array: %q", empty.String())
	}
}

func TestStatistics(t *testing.T) {
	ds, _ := sampleFindings()
	ds = append(ds, ds[0])
	stats := Statistics(ds)
	if len(stats) != 3 || stats[0].Rule != "binding-name-case-mismatch" || stats[0].Count != 2 || stats[0].Fixable != 2 || stats[0].Severity != "error" ||
		stats[1].Rule != "agent-namespace-surprise" || stats[1].Count != 1 || stats[1].Fixable != 0 {
		t.Errorf("%+v", stats)
	}
	var text bytes.Buffer
	WriteStatistics(&text, ds, "text", Painter{})
	want := "    2  binding-name-case-mismatch  error    2 fixable\n    1  agent-namespace-surprise    info     \n    1  env-missing-binding         warning  \n2 errors, 1 warning, 1 info in 3 files\n"
	if text.String() != want {
		t.Errorf("text:\n%q\nwant\n%q", text.String(), want)
	}
	var md bytes.Buffer
	WriteStatistics(&md, ds, "github", Painter{})
	if !strings.Contains(md.String(), "| [`binding-name-case-mismatch`]("+lint.DocsURL("binding-name-case-mismatch")+") | error | 2 | 2 |\n") {
		t.Errorf("markdown:\n%s", md.String())
	}
	var js bytes.Buffer
	WriteStatistics(&js, nil, "json", Painter{})
	if !strings.Contains(js.String(), `"statistics": []`) {
		t.Errorf("json of a clean run: %s", js.String())
	}
}

func TestFixSummary(t *testing.T) {
	for _, c := range []struct {
		before, after, files int
		want                 string
	}{
		{6, 0, 2, "fixed 6 findings in 2 files (6 before, 0 remaining)"},
		{3, 2, 1, "fixed 1 finding in 1 file (3 before, 2 remaining)"},
		{2, 2, 1, "changed 1 file; 2 findings remaining, as many as before"},
	} {
		if got := FixSummary(c.before, c.after, c.files); got != c.want {
			t.Errorf("FixSummary(%d, %d, %d) = %q, want %q", c.before, c.after, c.files, got, c.want)
		}
	}
}
