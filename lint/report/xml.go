package report

import (
	"encoding/xml"
	"fmt"
	"io"

	"github.com/wranglint/wranglint/lint"
)

// Checkstyle XML: what Jenkins (warnings-ng), reviewdog, GitLab code
// quality converters and many other CI tools read.

type checkstyleReport struct {
	XMLName xml.Name         `xml:"checkstyle"`
	Version string           `xml:"version,attr"`
	Files   []checkstyleFile `xml:"file"`
}

type checkstyleFile struct {
	Name   string            `xml:"name,attr"`
	Errors []checkstyleError `xml:"error"`
}

type checkstyleError struct {
	Line     int    `xml:"line,attr"`
	Column   int    `xml:"column,attr"`
	Severity string `xml:"severity,attr"` // error, warning or info
	Message  string `xml:"message,attr"`
	Source   string `xml:"source,attr"` // wranglint.<rule>
}

// WriteCheckstyle prints findings as checkstyle XML, one <file> per file
// with findings, in order.
func WriteCheckstyle(w io.Writer, ds []lint.Diagnostic) error {
	rep := checkstyleReport{Version: "4.3"}
	for _, d := range ds {
		name := d.Span.File.Rel
		if n := len(rep.Files); n == 0 || rep.Files[n-1].Name != name {
			rep.Files = append(rep.Files, checkstyleFile{Name: name})
		}
		p := d.Span.StartPos()
		f := &rep.Files[len(rep.Files)-1]
		f.Errors = append(f.Errors, checkstyleError{Line: p.Line, Column: p.Col, Severity: d.Severity.String(), Message: d.Message, Source: "wranglint." + d.Rule})
	}
	return writeXML(w, rep)
}

// JUnit XML: what GitLab, Jenkins, Azure Pipelines, CircleCI and others
// show as test results. Each file with findings is a suite and each
// finding a failed test case; a clean run is one passing case.

type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name     string      `xml:"name,attr"`
	Tests    int         `xml:"tests,attr"`
	Failures int         `xml:"failures,attr"`
	Errors   int         `xml:"errors,attr"`
	Cases    []junitCase `xml:"testcase"`
}

type junitCase struct {
	Name      string        `xml:"name,attr"`
	ClassName string        `xml:"classname,attr"`
	File      string        `xml:"file,attr,omitempty"`
	Line      int           `xml:"line,attr,omitempty"`
	Failure   *junitFailure `xml:"failure"`
}

type junitFailure struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"` // the severity
	Text    string `xml:",chardata"`
}

// WriteJUnit prints findings as JUnit XML.
func WriteJUnit(w io.Writer, ds []lint.Diagnostic) error {
	rep := junitSuites{Name: "wranglint", Tests: len(ds), Failures: len(ds)}
	for _, d := range ds {
		name := d.Span.File.Rel
		if n := len(rep.Suites); n == 0 || rep.Suites[n-1].Name != name {
			rep.Suites = append(rep.Suites, junitSuite{Name: name})
		}
		s := &rep.Suites[len(rep.Suites)-1]
		p := d.Span.StartPos()
		s.Tests++
		s.Failures++
		s.Cases = append(s.Cases, junitCase{
			Name:      fmt.Sprintf("%s at %d:%d", d.Rule, p.Line, p.Col),
			ClassName: name, File: name, Line: p.Line,
			Failure: &junitFailure{Message: d.Message, Type: d.Severity.String(),
				Text: fmt.Sprintf("%s:%d:%d: %s [%s]\n%s", name, p.Line, p.Col, d.Message, d.Rule, lint.DocsURL(d.Rule))},
		})
	}
	if len(ds) == 0 {
		rep.Tests = 1
		rep.Suites = []junitSuite{{Name: "wranglint", Tests: 1, Cases: []junitCase{{Name: "no problems found", ClassName: "wranglint"}}}}
	}
	return writeXML(w, rep)
}

func writeXML(w io.Writer, v any) error {
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(v); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}
