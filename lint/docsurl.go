package lint

// DocsBase is where the rules' documentation pages live: one Markdown
// page per rule, docs/rules/<id>.md, generated from its Doc (the engine's
// own findings too).
const DocsBase = "https://github.com/wranglint/wranglint/blob/main/docs/rules/"

// DocsURL is the documentation page of a rule: every output that links
// to a rule (SARIF helpUri, JSON url, terminal links, the language
// server's code description) takes it from here.
func DocsURL(rule string) string { return DocsBase + rule + ".md" }
