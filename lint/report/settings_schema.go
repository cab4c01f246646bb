package report

import (
	"bytes"
	"encoding/json"

	"github.com/wranglint/wranglint/lint"
)

// SettingsSchemaURL is where the JSON Schema of .wranglint.jsonc is
// published (schema/wranglint.schema.json of the repository); `wranglint
// init` writes it as "$schema" so that editors complete and check keys.
const SettingsSchemaURL = "https://raw.githubusercontent.com/wranglint/wranglint/main/schema/wranglint.schema.json"

// schemaNode is the part of JSON Schema (draft 2020-12) the settings
// schema uses, in the order it is written.
type schemaNode struct {
	Schema               string                 `json:"$schema,omitempty"`
	ID                   string                 `json:"$id,omitempty"`
	Ref                  string                 `json:"$ref,omitempty"`
	Title                string                 `json:"title,omitempty"`
	Description          string                 `json:"description,omitempty"`
	Type                 string                 `json:"type,omitempty"`
	Enum                 []string               `json:"enum,omitempty"`
	Pattern              string                 `json:"pattern,omitempty"`
	MinLength            *int                   `json:"minLength,omitempty"`
	Minimum              *int                   `json:"minimum,omitempty"`
	Required             []string               `json:"required,omitempty"`
	Properties           map[string]*schemaNode `json:"properties,omitempty"`
	AdditionalProperties *bool                  `json:"additionalProperties,omitempty"`
	Items                *schemaNode            `json:"items,omitempty"`
	OneOf                []*schemaNode          `json:"oneOf,omitempty"`
	Defs                 map[string]*schemaNode `json:"$defs,omitempty"`
}

// SettingsSchema is the JSON Schema of .wranglint.jsonc, with a level
// property for every rule given (and unused-suppression, the one finding
// of the engine that settings may set). The settings parser is the
// authority; the schema lets editors complete and check the same keys.
func SettingsSchema(rules []*lint.Rule) []byte {
	no, one, zero := false, 1, 0
	ruleProps := map[string]*schemaNode{}
	for _, r := range append(append([]*lint.Rule(nil), rules...), lint.EngineRule(lint.UnusedSuppressionRule)) {
		ruleProps[r.ID] = &schemaNode{Ref: "#/$defs/level", Description: plainText(r.Doc.Summary) + " (default: " + r.Severity.String() + "). " + lint.DocsURL(r.ID)}
	}
	version := &schemaNode{Type: "string", Pattern: `^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$`,
		Description: "An exact version, as installed (such as \"0.2.30\")."}
	s := &schemaNode{
		Schema:      "https://json-schema.org/draft/2020-12/schema",
		ID:          SettingsSchemaURL,
		Title:       "wranglint settings (.wranglint.jsonc)",
		Description: "Settings of wranglint, the linter for Cloudflare Workers projects: https://github.com/wranglint/wranglint#configuration-wranglintjsonc",
		Type:        "object", AdditionalProperties: &no,
		Properties: map[string]*schemaNode{
			"$schema": {Type: "string", Description: "This schema, for editors."},
			"rules": {Type: "object", AdditionalProperties: &no, Properties: ruleProps,
				Description: "A level per rule id: \"off\", \"info\", \"warning\" or \"error\". `wranglint rules` lists the ids."},
			"ignore": {Type: "array", Items: &schemaNode{Type: "string", MinLength: &one},
				Description: "Globs relative to this file's folder: * and ? match within a name, ** any number of folders; a pattern without / matches a name at any depth."},
			"versions": {Type: "object", AdditionalProperties: &no,
				Description: "The agents and partyserver versions that decide how names become URLs, for when node_modules and the lockfile do not say.",
				Properties:  map[string]*schemaNode{"agents": version, "partyserver": version}},
			"clients": {Type: "array", Items: &schemaNode{Ref: "#/$defs/client"},
				Description: "The project's own client wrappers, when the agent name passes through more than one function before reaching the Agents SDK or a URL."},
		},
		Defs: map[string]*schemaNode{
			"level": {Enum: []string{"off", "info", "warning", "error"}},
			"client": {Type: "object", AdditionalProperties: &no, Required: []string{"function", "convention"},
				Properties: map[string]*schemaNode{
					"function":     {Type: "string", Pattern: `^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*$`, Description: "The called name, such as \"useChat\" or \"api.connect\"."},
					"nameOption":   {Type: "string", MinLength: &one, Description: "The key of the first object argument that holds the agent name."},
					"nameArgument": {Type: "integer", Minimum: &zero, Description: "The position (from 0) of the argument that holds the agent name."},
					"convention":   {Enum: []string{"kebab", "lowercase", "verbatim"}, Description: "How the wrapper turns the name into a URL namespace: \"kebab\" (the Agents SDK's), \"lowercase\" or \"verbatim\"."},
					"prefix":       {Type: "string", MinLength: &one, Description: "The first URL segment (\"agents\" if omitted)."},
				},
				OneOf: []*schemaNode{{Required: []string{"nameOption"}}, {Required: []string{"nameArgument"}}},
			},
		},
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(s); err != nil {
		panic(err) // only strings and maps of them: cannot fail
	}
	return b.Bytes()
}
