package report

import (
	"encoding/json"
	"io"

	"github.com/wranglint/wranglint/lint"
)

// JSON shapes (documented in the README).

type jsonReport struct {
	Diagnostics []jsonDiagnostic `json:"diagnostics"`
}

type jsonDiagnostic struct {
	Rule         string        `json:"rule"`
	Severity     string        `json:"severity"`
	File         string        `json:"file"`
	Line         int           `json:"line"`
	Column       int           `json:"column"`
	EndLine      int           `json:"end_line"`
	EndColumn    int           `json:"end_column"`
	Message      string        `json:"message"`
	URL          string        `json:"url"` // the rule's documentation
	Env          string        `json:"env,omitempty"`
	Related      []jsonRelated `json:"related,omitempty"`
	Fix          *jsonFix      `json:"fix,omitempty"`
	Alternatives []*jsonFix    `json:"alternatives,omitempty"`
}

type jsonRelated struct {
	File   string `json:"file"`
	Line   int    `json:"line"`
	Column int    `json:"column"`
	Note   string `json:"note"`
}

type jsonFix struct {
	Description   string       `json:"description"`
	Applicability string       `json:"applicability"` // "safe", "unsafe" or "display-only"
	Edits         []jsonEdit   `json:"edits"`
	Renames       []jsonRename `json:"renames"`
}

type jsonEdit struct {
	File    string `json:"file"`
	Start   int    `json:"start"` // byte offsets
	End     int    `json:"end"`
	NewText string `json:"new_text"`
}

type jsonRename struct {
	From string `json:"from"`
	To   string `json:"to"`
}

func toJSONFix(f *lint.Fix, rel func(string) string) *jsonFix {
	jf := &jsonFix{Description: f.Description, Applicability: f.Applicability.String(), Edits: []jsonEdit{}, Renames: []jsonRename{}}
	for _, ed := range f.Edits {
		jf.Edits = append(jf.Edits, jsonEdit{ed.File.Rel, ed.Start, ed.End, ed.New})
	}
	for _, r := range f.Renames {
		jf.Renames = append(jf.Renames, jsonRename{r.File.Rel, rel(r.To)})
	}
	return jf
}

// WriteJSON prints {"diagnostics":[...]}; rel shows an absolute path the
// way files are shown (relative to the working directory).
func WriteJSON(w io.Writer, ds []lint.Diagnostic, rel func(string) string) error {
	rep := jsonReport{Diagnostics: []jsonDiagnostic{}}
	for _, d := range ds {
		s, e := d.Span.StartPos(), d.Span.EndPos()
		jd := jsonDiagnostic{Rule: d.Rule, Severity: d.Severity.String(), File: d.Span.File.Rel,
			Line: s.Line, Column: s.Col, EndLine: e.Line, EndColumn: e.Col, Message: d.Message, URL: lint.DocsURL(d.Rule), Env: d.Env}
		for _, r := range d.Related {
			p := r.Span.StartPos()
			jd.Related = append(jd.Related, jsonRelated{r.Span.File.Rel, p.Line, p.Col, r.Note})
		}
		if d.Fix != nil {
			jd.Fix = toJSONFix(d.Fix, rel)
		}
		for _, alt := range d.Alternatives {
			jd.Alternatives = append(jd.Alternatives, toJSONFix(alt, rel))
		}
		rep.Diagnostics = append(rep.Diagnostics, jd)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(rep)
}
