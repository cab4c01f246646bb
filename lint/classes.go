package lint

import (
	"bytes"
	"strings"
)

// ClassBase is the SDK class a Worker class ultimately extends.
type ClassBase struct {
	Module string // e.g. "agents", "agents/mcp", "@cloudflare/ai-chat", "partyserver"
	Name   string // e.g. "Agent", "McpAgent"
	Via    []string
}

// IsAgentsSDK: a class of the Agents SDK (agents, agents-sdk,
// @cloudflare/ai-chat), all of which need SQLite storage.
func (b ClassBase) IsAgentsSDK() bool {
	for _, m := range []string{"agents", "agents-sdk", "@cloudflare/ai-chat"} {
		if b.Module == m || strings.HasPrefix(b.Module, m+"/") {
			return true
		}
	}
	return false
}

// IsPartyServer: an Agents SDK class or a partyserver Server: both route
// by the instance name.
func (b ClassBase) IsPartyServer() bool {
	return b.IsAgentsSDK() || b.Module == "partyserver"
}

// BaseOf follows `extends` through the classes of main's module graph
// until it reaches a class imported from a package; ok is false for a
// class that is not found or extends nothing from a package.
func (p *Project) BaseOf(w *Worker, e *Env, className string) (ClassBase, bool) {
	mod := w.Module(e)
	if mod == nil || !mod.Built {
		return ClassBase{}, false
	}
	classes := p.classesOf(mod)
	var via []string
	name := className
	for depth := 0; depth < 16; depth++ {
		c, ok := classes[name]
		if !ok {
			return ClassBase{}, false
		}
		switch {
		case c.ExtendsModule != "" && !strings.HasPrefix(c.ExtendsModule, "."):
			return ClassBase{Module: c.ExtendsModule, Name: c.ExtendsName, Via: via}, true
		case c.ExtendsModule != "":
			name = c.ExtendsName // imported from a project module
		case c.Extends != "":
			name = c.Extends // declared in the same module
		default:
			return ClassBase{}, false
		}
		via = append(via, name)
	}
	return ClassBase{}, false
}

// classesOf indexes the class declarations of a module graph by name.
func (p *Project) classesOf(mod *Module) map[string]ClassFact {
	if p.classCache == nil {
		p.classCache = map[string]map[string]ClassFact{}
	}
	if c, ok := p.classCache[mod.Main]; ok {
		return c
	}
	out := map[string]ClassFact{}
	for _, in := range mod.Inputs {
		if !sourceExts[extOf(in)] {
			continue
		}
		if f, err := p.Files.Read(in); err != nil || !bytes.Contains(f.Data, []byte("class")) {
			continue // nothing to index: no need to parse it
		}
		if sf := p.FactsFor(in); sf != nil {
			for _, c := range sf.Classes {
				if _, seen := out[c.Name]; !seen {
					out[c.Name] = c
				}
			}
		}
	}
	p.classCache[mod.Main] = out
	return out
}

func extOf(path string) string {
	if i := strings.LastIndexByte(path, '.'); i >= 0 {
		return path[i:]
	}
	return ""
}
