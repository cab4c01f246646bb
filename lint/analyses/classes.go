package analyses

import (
	"strings"

	"github.com/wranglint/wranglint/lint"
	"github.com/wranglint/wranglint/lint/jscode"
	"github.com/wranglint/wranglint/lint/project"
	"github.com/wranglint/wranglint/lint/sdk"
	"github.com/wranglint/wranglint/lint/wrangler"
)

// Classes indexes, per module graph, the class declarations of its
// scripts by name, and follows `extends` to the package class a class
// builds on (Agent, DurableObject, Server, ...).
var Classes = &lint.Analysis{
	Name: "classes",
	Doc:  "the classes of each module graph and the package base class each extends",
	Run:  func(p *lint.AnalysisPass) any { return indexClasses(p.Project) },
}

// ClassesOf returns the Classes analysis's result.
func ClassesOf(r lint.Results) *ClassIndex { return r.ResultOf(Classes).(*ClassIndex) }

// ClassIndex is the result of Classes.
type ClassIndex struct {
	byMain map[string]map[string]jscode.ClassFact // main -> class name -> first declaration
}

func indexClasses(p *project.Project) *ClassIndex {
	ci := &ClassIndex{byMain: map[string]map[string]jscode.ClassFact{}}
	for _, w := range p.Workers {
		for _, mod := range w.Modules() {
			if _, done := ci.byMain[mod.Main]; done {
				continue
			}
			out := map[string]jscode.ClassFact{}
			for _, sf := range p.GraphFacts(mod) {
				for _, c := range sf.Classes {
					if _, seen := out[c.Name]; !seen {
						out[c.Name] = c
					}
				}
			}
			ci.byMain[mod.Main] = out
		}
	}
	return ci
}

// BaseOf follows `extends` through the classes of the environment's main
// module graph until it reaches a class imported from a package; ok is
// false for a class that is not found or extends nothing from a package.
func (ci *ClassIndex) BaseOf(w *project.Worker, e *wrangler.Env, className string) (sdk.ClassBase, bool) {
	mod := w.Module(e)
	if mod == nil || !mod.Built {
		return sdk.ClassBase{}, false
	}
	classes := ci.byMain[mod.Main]
	var via []string
	name := className
	// a fetch on the way that does not call super.fetch keeps the SDK's
	// from running, whatever the classes around it do
	ownFetch := false
	for depth := 0; depth < 16; depth++ {
		c, ok := classes[name]
		if !ok {
			return sdk.ClassBase{}, false
		}
		ownFetch = ownFetch || c.Fetch == "own"
		switch {
		case c.ExtendsModule != "" && !strings.HasPrefix(c.ExtendsModule, "."):
			return sdk.ClassBase{Module: c.ExtendsModule, Name: c.ExtendsName, Via: via, OwnFetch: ownFetch}, true
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
