package report

import (
	"encoding/json"
	"io"
	"net/url"
	"path/filepath"
	"strings"

	"github.com/wranglint/wranglint/lint"
	"github.com/wranglint/wranglint/lint/source"
)

// Tool names wranglint in the formats that describe the tool (SARIF,
// checkstyle).
type Tool struct {
	Name           string
	Version        string
	InformationURI string
	Rules          []*lint.Rule // every rule that may appear in results
	WorkDir        string       // absolute: file paths are relative to it
}

// SARIF 2.1.0 shapes, only the parts wranglint fills in.

type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool               sarifTool                   `json:"tool"`
	OriginalURIBaseIDs map[string]sarifArtifactLoc `json:"originalUriBaseIds,omitempty"`
	ColumnKind         string                      `json:"columnKind"`
	Results            []sarifResult               `json:"results"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	Version        string      `json:"version,omitempty"`
	InformationURI string      `json:"informationUri,omitempty"`
	Rules          []sarifRule `json:"rules"`
}

type sarifText struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown,omitempty"`
}

type sarifRule struct {
	ID                   string       `json:"id"`
	ShortDescription     sarifText    `json:"shortDescription"`
	FullDescription      sarifText    `json:"fullDescription"`
	Help                 sarifText    `json:"help"`
	HelpURI              string       `json:"helpUri,omitempty"`
	DefaultConfiguration sarifRuleCfg `json:"defaultConfiguration"`
}

type sarifRuleCfg struct {
	Level string `json:"level"`
}

type sarifResult struct {
	RuleID           string          `json:"ruleId"`
	RuleIndex        *int            `json:"ruleIndex,omitempty"`
	Level            string          `json:"level"`
	Message          sarifText       `json:"message"`
	Locations        []sarifLocation `json:"locations"`
	RelatedLocations []sarifLocation `json:"relatedLocations,omitempty"`
	Fixes            []sarifFix      `json:"fixes,omitempty"`
	Properties       map[string]any  `json:"properties,omitempty"`
}

type sarifLocation struct {
	ID               *int          `json:"id,omitempty"`
	PhysicalLocation sarifPhysical `json:"physicalLocation"`
	Message          *sarifText    `json:"message,omitempty"`
}

type sarifPhysical struct {
	ArtifactLocation sarifArtifactLoc `json:"artifactLocation"`
	Region           sarifRegion      `json:"region"`
}

type sarifArtifactLoc struct {
	URI       string `json:"uri"`
	URIBaseID string `json:"uriBaseId,omitempty"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn"`
	EndLine     int `json:"endLine"`
	EndColumn   int `json:"endColumn"`
}

type sarifFix struct {
	Description     sarifText             `json:"description"`
	ArtifactChanges []sarifArtifactChange `json:"artifactChanges"`
}

type sarifArtifactChange struct {
	ArtifactLocation sarifArtifactLoc   `json:"artifactLocation"`
	Replacements     []sarifReplacement `json:"replacements"`
}

type sarifReplacement struct {
	DeletedRegion   sarifRegion `json:"deletedRegion"`
	InsertedContent *sarifText  `json:"insertedContent,omitempty"`
}

// srcRoot is the base the relative file URIs are resolved against: the
// folder wranglint ran in (the repository root in CI).
const srcRoot = "%SRCROOT%"

// WriteSARIF prints a SARIF 2.1.0 log, as GitHub code scanning reads it:
// one run, a rules entry per rule (and per finding the engine makes
// itself), results with regions in characters (columnKind
// unicodeCodePoints), related locations and the fixes' edits.
func WriteSARIF(w io.Writer, ds []lint.Diagnostic, tool Tool) error {
	rules := append(append([]*lint.Rule(nil), tool.Rules...), lint.EngineRules()...)
	index := map[string]int{}
	run := sarifRun{
		Tool:       sarifTool{sarifDriver{Name: tool.Name, Version: tool.Version, InformationURI: tool.InformationURI, Rules: []sarifRule{}}},
		ColumnKind: "unicodeCodePoints",
		Results:    []sarifResult{},
	}
	if tool.WorkDir != "" {
		run.OriginalURIBaseIDs = map[string]sarifArtifactLoc{srcRoot: {URI: dirURI(tool.WorkDir)}}
	}
	for _, r := range rules {
		if _, dup := index[r.ID]; dup {
			continue
		}
		index[r.ID] = len(run.Tool.Driver.Rules)
		run.Tool.Driver.Rules = append(run.Tool.Driver.Rules, sarifRuleOf(r))
	}
	for _, d := range ds {
		run.Results = append(run.Results, sarifResultOf(d, index))
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(sarifLog{Schema: "https://json.schemastore.org/sarif-2.1.0.json", Version: "2.1.0", Runs: []sarifRun{run}})
}

func sarifRuleOf(r *lint.Rule) sarifRule {
	why := r.Doc.Why
	if why == "" {
		why = r.Doc.Summary
	}
	sr := sarifRule{
		ID:                   r.ID,
		ShortDescription:     sarifText{Text: plainText(r.Doc.Summary)},
		FullDescription:      sarifText{Text: plainText(why)},
		Help:                 sarifText{Text: Explain(r), Markdown: helpMarkdown(r)},
		DefaultConfiguration: sarifRuleCfg{Level: sarifLevel(r.Severity)},
	}
	sr.HelpURI = lint.DocsURL(r.ID)
	return sr
}

// helpMarkdown is the rule's documentation as GitHub shows it beside an
// alert.
func helpMarkdown(r *lint.Rule) string {
	var b strings.Builder
	b.WriteString("**" + r.ID + "** (" + r.Severity.String() + "): " + r.Doc.Summary + ".\n\n")
	if r.Doc.Why != "" {
		b.WriteString(r.Doc.Why + "\n\n")
	}
	if r.Doc.Fix != "" {
		b.WriteString("Fix (" + r.Doc.FixSafety.String() + "): " + r.Doc.Fix + "\n\n")
	}
	b.WriteString("`wranglint explain " + r.ID + "` shows examples.")
	return b.String()
}

// plainText drops Markdown code marks from a summary.
func plainText(s string) string { return strings.ReplaceAll(s, "`", "") }

func sarifResultOf(d lint.Diagnostic, index map[string]int) sarifResult {
	res := sarifResult{
		RuleID:    d.Rule,
		Level:     sarifLevel(d.Severity),
		Message:   sarifText{Text: d.Message},
		Locations: []sarifLocation{},
	}
	if d.Span.File.Rel != "" { // an I/O error may have no path
		res.Locations = append(res.Locations, sarifLocation{PhysicalLocation: physical(d.Span)})
	}
	if i, ok := index[d.Rule]; ok {
		res.RuleIndex = &i
	}
	for i, r := range d.Related {
		id := i + 1
		res.RelatedLocations = append(res.RelatedLocations, sarifLocation{ID: &id, PhysicalLocation: physical(r.Span), Message: &sarifText{Text: r.Note}})
	}
	for _, f := range append([]*lint.Fix{d.Fix}, d.Alternatives...) {
		if sf, ok := sarifFixOf(f); ok {
			res.Fixes = append(res.Fixes, sf)
		}
	}
	if d.Env != "" {
		res.Properties = map[string]any{"env": d.Env}
	}
	return res
}

// sarifFixOf converts a fix made of edits; a fix that renames a file has
// no SARIF form (artifact changes only replace text), so it is left out.
func sarifFixOf(f *lint.Fix) (sarifFix, bool) {
	if f == nil || len(f.Edits) == 0 || len(f.Renames) > 0 {
		return sarifFix{}, false
	}
	sf := sarifFix{Description: sarifText{Text: f.Description + " (" + f.Applicability.String() + ")"}}
	byFile := map[string]int{}
	for _, e := range f.Edits {
		i, ok := byFile[e.File.Rel]
		if !ok {
			i = len(sf.ArtifactChanges)
			byFile[e.File.Rel] = i
			sf.ArtifactChanges = append(sf.ArtifactChanges, sarifArtifactChange{ArtifactLocation: artifact(e.File)})
		}
		rep := sarifReplacement{DeletedRegion: region(source.Span{File: e.File, Start: e.Start, End: e.End})}
		if e.New != "" {
			rep.InsertedContent = &sarifText{Text: e.New}
		}
		sf.ArtifactChanges[i].Replacements = append(sf.ArtifactChanges[i].Replacements, rep)
	}
	return sf, true
}

func physical(s source.Span) sarifPhysical {
	return sarifPhysical{ArtifactLocation: artifact(s.File), Region: region(s)}
}

func artifact(f *source.File) sarifArtifactLoc {
	return sarifArtifactLoc{URI: relURI(f.Rel), URIBaseID: srcRoot}
}

// region is a span in lines and characters; SARIF's end column is the
// character after the region, as wranglint's is.
func region(s source.Span) sarifRegion {
	start, end := s.StartPos(), s.EndPos()
	return sarifRegion{StartLine: start.Line, StartColumn: start.Col, EndLine: end.Line, EndColumn: end.Col}
}

// relURI escapes a slash path as a relative URI reference.
// (a first segment holding a colon gets "./", so it is not a scheme).
func relURI(rel string) string { return (&url.URL{Path: rel}).String() }

// dirURI is the file URI of a folder, ending in a slash as SARIF asks.
func dirURI(dir string) string {
	p := filepath.ToSlash(dir)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // a Windows drive: file:///C:/...
	}
	if !strings.HasSuffix(p, "/") {
		p += "/"
	}
	return (&url.URL{Scheme: "file", Path: p}).String()
}

func sarifLevel(s lint.Severity) string {
	switch s {
	case lint.SeverityError:
		return "error"
	case lint.SeverityWarning:
		return "warning"
	}
	return "note"
}
