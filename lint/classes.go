package lint

import (
	"strings"

	"github.com/wranglint/wranglint/lint/jscode"
	"github.com/wranglint/wranglint/lint/sdk"
	"github.com/wranglint/wranglint/lint/wrangler"
)

// indexClasses indexes, per module graph, the class declarations of its
// scripts by name (the first declaration of a name wins).
func (p *Project) indexClasses() {
	for _, w := range p.Workers {
		for main, mod := range w.modules {
			out := map[string]jscode.ClassFact{}
			for _, sf := range p.GraphFacts(mod) {
				for _, c := range sf.Classes {
					if _, seen := out[c.Name]; !seen {
						out[c.Name] = c
					}
				}
			}
			w.classes[main] = out
		}
	}
}

// BaseOf follows `extends` through the classes of main's module graph
// until it reaches a class imported from a package; ok is false for a
// class that is not found or extends nothing from a package.
func (p *Project) BaseOf(w *Worker, e *wrangler.Env, className string) (sdk.ClassBase, bool) {
	mod := w.Module(e)
	if mod == nil || !mod.Built {
		return sdk.ClassBase{}, false
	}
	classes := w.classes[mod.Main]
	var via []string
	name := className
	for depth := 0; depth < 16; depth++ {
		c, ok := classes[name]
		if !ok {
			return sdk.ClassBase{}, false
		}
		switch {
		case c.ExtendsModule != "" && !strings.HasPrefix(c.ExtendsModule, "."):
			return sdk.ClassBase{Module: c.ExtendsModule, Name: c.ExtendsName, Via: via}, true
		case c.ExtendsModule != "":
			name = c.ExtendsName // imported from a project module
		case c.Extends != "":
			name = c.Extends // declared in the same module
		default:
			return sdk.ClassBase{}, false
		}
		via = append(via, name)
	}
	return sdk.ClassBase{}, false
}
