package project

import (
	"path/filepath"
	"strings"

	"github.com/wranglint/wranglint/lint/sdk"
	"github.com/wranglint/wranglint/lint/settings"
)

// declaredNames lists the declared client functions (.wranglint.jsonc
// "clients") that apply to the discovered files (the last part of
// "api.connect"), so that files calling them are scanned.
func (p *Project) declaredNames(discovered []string) [][]byte {
	seen := map[string]bool{}
	var out [][]byte
	for _, path := range discovered {
		for _, c := range p.ClientsFor(path) {
			name := c.Function[strings.LastIndexByte(c.Function, '.')+1:]
			if !seen[name] {
				seen[name] = true
				out = append(out, []byte(name))
			}
		}
	}
	return out
}

// ClientsFor returns the project clients declared for a file.
func (p *Project) ClientsFor(path string) []settings.Client {
	if s := p.Settings.ForFile(path); s != nil {
		return s.Clients
	}
	return nil
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

// noteVersions finds the SDK versions in force for every scanned file's
// folder, so that client references are judged without reading.
func (p *Project) noteVersions(versions *sdk.VersionFinder) {
	for _, sf := range p.Sources {
		dir := filepath.Dir(sf.File.Path)
		if _, ok := p.versions[dir]; !ok {
			p.versions[dir] = p.versionsFor(versions, dir)
		}
	}
}

// VersionsFor returns the SDK versions in force for a scanned file.
func (p *Project) VersionsFor(path string) sdk.Versions { return p.versions[filepath.Dir(path)] }
