package lsp

import (
	"context"
	"encoding/json"
	"path/filepath"
	"strings"

	"github.com/wranglint/wranglint/lint/source"
)

// codeActions offers, for each finding at the range (or whose related
// place is there: a binding's finding can be fixed from its client), every
// fix, then a suppression comment.
func (s *Server) codeActions(ctx context.Context, p codeActionParams) []CodeAction {
	out := []CodeAction{}
	path, ok := pathFromURI(p.TextDocument.URI)
	if !ok || !wantsQuickFix(p.Context.Only) {
		return out
	}
	snap, versions := s.current(ctx)
	if snap == nil {
		return out
	}
	f := snap.Queries.File(path)
	if f == nil {
		return out
	}
	start, end := offset(f, p.Range.Start), offset(f, p.Range.End)
	asked := map[string]bool{}
	for _, d := range p.Context.Diagnostics {
		var data diagnosticData
		if json.Unmarshal(d.Data, &data) == nil && data.Key != "" {
			asked[data.Key] = true
		}
	}
	s.mu.Lock()
	caps := s.caps
	uris := map[string]string{}
	for p, d := range s.docs {
		uris[p] = d.uri
	}
	s.mu.Unlock()
	uriOf := func(path string) string {
		if u, ok := uris[path]; ok {
			return u
		}
		return uriFromPath(path)
	}
	seen := map[string]bool{}
	for _, fd := range snap.Findings {
		here := fd.Span.File.Path == path && (asked[fd.Key] || overlaps(fd.Span, start, end))
		var at *Related
		for i, r := range fd.Related {
			if r.Span.File.Path == path && overlaps(r.Span, start, end) {
				at = &fd.Related[i]
				break
			}
		}
		if !here && at == nil {
			continue
		}
		diag := diagnostic(fd, uriOf)
		for _, fx := range fd.Fixes {
			edit, ok := workspaceEdit(fx, caps, versions, uriOf)
			if !ok {
				continue
			}
			title := fx.Title
			if fx.Safety == Unsafe {
				title += " (unsafe)"
			}
			if seen[title] {
				continue
			}
			seen[title] = true
			out = append(out, CodeAction{Title: title, Kind: kindQuickFix, Diagnostics: []Diagnostic{diag}, IsPreferred: fx.Safety == Safe, Edit: edit})
		}
		if !fd.Suppressible {
			continue
		}
		span := fd.Span
		if !here {
			span = at.Span // silenced at the related place, as the engine allows
		}
		if a, ok := suppression(fd.Rule, span, caps, versions, uriOf); ok && !seen[a.Title] {
			seen[a.Title] = true
			a.Diagnostics = []Diagnostic{diag}
			out = append(out, a)
		}
	}
	return out
}

// wantsQuickFix: the client asked for no particular kinds, or for
// quickfix or a kind it is part of.
func wantsQuickFix(only []string) bool {
	if len(only) == 0 {
		return true
	}
	for _, k := range only {
		if k == "" || k == kindQuickFix || strings.HasPrefix(kindQuickFix, k+".") {
			return true
		}
	}
	return false
}

// overlaps: the span meets [start, end] (a cursor is an empty range).
func overlaps(s source.Span, start, end int) bool { return s.Start <= end && start <= s.End }

// workspaceEdit turns a fix into the editor's edit: per file, its edits
// on the text the fix was computed on (versioned, so that the client
// refuses it if the buffer moved on), then the renames. ok is false
// when the client cannot apply it (a rename without resource operations).
func workspaceEdit(fx Fix, caps clientCapabilities, versions map[string]int, uriOf func(string) string) (*WorkspaceEdit, bool) {
	files := map[string]*source.File{}
	edits := map[string][]TextEdit{}
	for _, e := range fx.Edits {
		files[e.File.Path] = e.File
		edits[e.File.Path] = append(edits[e.File.Path], TextEdit{Range: toRange(source.Span{File: e.File, Start: e.Start, End: e.End}), NewText: e.New})
	}
	we := &WorkspaceEdit{}
	if !caps.Workspace.WorkspaceEdit.DocumentChanges {
		if len(fx.Renames) > 0 {
			return nil, false
		}
		we.Changes = map[string][]TextEdit{}
		for path, es := range edits {
			we.Changes[uriOf(path)] = es
		}
		return we, true
	}
	for _, path := range sortedKeys(edits) {
		id := versionedTextDocumentIdentifier{URI: uriOf(path)}
		if v, open := versions[path]; open {
			id.Version = &v
		}
		we.DocumentChanges = append(we.DocumentChanges, textDocumentEdit{TextDocument: id, Edits: edits[path]})
	}
	if len(fx.Renames) > 0 && !contains(caps.Workspace.WorkspaceEdit.ResourceOperations, "rename") {
		return nil, false
	}
	for _, r := range fx.Renames {
		op := renameFile{Kind: "rename", OldURI: uriOf(r.File.Path), NewURI: uriOf(r.To)}
		we.DocumentChanges = append(we.DocumentChanges, op)
	}
	return we, true
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// reasonPlaceholder is left for the user to replace with why the finding
// does not apply.
const reasonPlaceholder = "<reason>"

// suppression inserts `// wranglint-disable-next-line RULE -- <reason>`
// (`#` in TOML) above the span's line with the line's indentation, or
// adds the rule to such a comment already there (two in a row would
// leave the first covering the second). JSON has no comments: none there.
func suppression(rule string, span source.Span, caps clientCapabilities, versions map[string]int, uriOf func(string) string) (CodeAction, bool) {
	f := span.File
	token := "//"
	switch strings.ToLower(filepath.Ext(f.Path)) {
	case ".json":
		return CodeAction{}, false
	case ".toml":
		token = "#"
	}
	line := f.LineIndex(span.Start) + 1 // 1-based
	lineStart, lineEnd := f.LineBounds(line)
	text := string(f.Data[lineStart:lineEnd])
	indent := text[:len(text)-len(strings.TrimLeft(text, " \t"))]
	title := "Suppress " + rule + " on line " + source.Itoa(line) + " with a comment"
	edit := source.Edit{File: f}
	if at, ok := directiveAbove(f, line, token); ok {
		edit.Start, edit.End, edit.New = at, at, " "+rule+","
	} else {
		eol := "\n"
		if lineEnd < len(f.Data) && f.Data[lineEnd] == '\r' {
			eol = "\r\n"
		}
		edit.Start, edit.End = lineStart, lineStart
		edit.New = indent + token + " wranglint-disable-next-line " + rule + " -- " + reasonPlaceholder + eol
	}
	we, _ := workspaceEdit(Fix{Edits: []source.Edit{edit}}, caps, versions, uriOf)
	return CodeAction{Title: title, Kind: kindQuickFix, Edit: we}, true
}

// directiveAbove finds a line comment holding only a next-line directive
// on the line above line (1-based) and returns the offset just after the
// directive's name, where another rule id goes.
func directiveAbove(f *source.File, line int, token string) (int, bool) {
	if line < 2 {
		return 0, false
	}
	start, end := f.LineBounds(line - 1)
	text := string(f.Data[start:end])
	trimmed := strings.TrimLeft(text, " \t")
	body, ok := strings.CutPrefix(trimmed, token)
	if !ok {
		return 0, false
	}
	const name = "wranglint-disable-next-line"
	rest := strings.TrimLeft(body, " \t")
	if after, ok := strings.CutPrefix(rest, name); !ok || after != "" && after[0] != ' ' && after[0] != '\t' {
		return 0, false
	}
	return start + (len(text) - len(trimmed)) + len(token) + (len(body) - len(rest)) + len(name), true
}
