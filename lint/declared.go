package lint

import (
	"path/filepath"
	"strconv"
	"strings"

	"github.com/wranglint/wranglint/lint/jscode"
	"github.com/wranglint/wranglint/lint/sdk"
	"github.com/wranglint/wranglint/lint/settings"
)

// The project's own clients, declared in .wranglint.jsonc: every call of
// a declared function with a known name is a client reference, however
// deep the wrapper chain behind it.

// declaredNames lists the declared client functions that apply to the
// discovered files (the last part of "api.connect"), so that files
// calling them are scanned.
func (p *Project) declaredNames(discovered []string) [][]byte {
	seen := map[string]bool{}
	var out [][]byte
	for _, path := range discovered {
		for _, c := range p.clientsFor(path) {
			name := c.Function[strings.LastIndexByte(c.Function, '.')+1:]
			if !seen[name] {
				seen[name] = true
				out = append(out, []byte(name))
			}
		}
	}
	return out
}

func (p *Project) clientsFor(path string) []settings.Client {
	if s := p.Settings.ForFile(path); s != nil {
		return s.Clients
	}
	return nil
}

// declaredRefs turns a file's calls of declared clients into references.
func (p *Project) declaredRefs(sf *jscode.SourceFacts) []*jscode.ClientRef {
	clients := p.clientsFor(sf.File.Path)
	if len(clients) == 0 {
		return nil
	}
	own := p.importLookup(sf.File.Path, 0)
	var out []*jscode.ClientRef
	for _, c := range sf.Calls {
		for _, dc := range clients {
			if c.Name != dc.Function {
				continue
			}
			for _, t := range declaredTemplates(c, dc) {
				for _, filled := range t.FillImports(own) {
					if ref, ok := filled.Ref(); ok {
						ref.Convention = string(dc.Convention)
						out = append(out, ref)
					}
				}
			}
		}
	}
	return out
}

// declaredTemplates reads the name argument of one call of a declared
// client.
func declaredTemplates(c jscode.Call, dc settings.Client) []jscode.Template {
	var values []jscode.Value
	option := dc.NameOption
	switch {
	case dc.NameOption != "" && len(c.Args) > 0:
		values = c.Args[0].Props[dc.NameOption]
	case dc.NameArgument >= 0 && dc.NameArgument < len(c.Args):
		values = c.Args[dc.NameArgument].Values
		option = "argument " + strconv.Itoa(dc.NameArgument+1)
	}
	prefix := strings.Trim(dc.Prefix, "/")
	if prefix == "" {
		prefix = "agents"
	}
	var out []jscode.Template
	for _, v := range values {
		out = append(out, jscode.Template{Kind: jscode.RefAgentClient, Via: dc.Function, Option: option, Value: v, Prefix: prefix, Span: c.Span})
	}
	return out
}

// conventionEra is the conversion a declared client applies.
func conventionEra(conv string, sdkEra sdk.Era) sdk.Era {
	switch settings.Convention(conv) {
	case settings.ConventionLowercase:
		return sdk.EraLowercase
	case settings.ConventionVerbatim:
		return sdk.EraVerbatim
	}
	return sdkEra
}

// versionsFor is the SDK versions in force in dir: detected, unless the
// settings pin them.
func (p *Project) versionsFor(versions *sdk.VersionFinder, dir string) sdk.Versions {
	v := versions.For(dir)
	s := p.Settings.For(dir)
	if s == nil {
		return v
	}
	pin := func(pv sdk.PackageVersion, o settings.VersionOverride, pkg string) sdk.PackageVersion {
		if parsed, ok := sdk.ParseVersion(o.Version); ok && o.Version != "" {
			return sdk.PackageVersion{Package: pkg, Version: parsed, Found: true, Source: "set in " + filepath.ToSlash(o.Span.File.Rel)}
		}
		return pv
	}
	v.Agents = pin(v.Agents, s.Versions.Agents, "agents")
	v.PartyServer = pin(v.PartyServer, s.Versions.PartyServer, "partyserver")
	return v
}
