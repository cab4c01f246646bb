package lint

import (
	"github.com/wranglint/wranglint/lint/jscode"
	"github.com/wranglint/wranglint/lint/source"
)

// scan returns the facts of one file, from the cache when it has them.
// Contents that exist only in memory (the fixer's) are not stored.
func (p *Project) scan(f *source.File) *jscode.SourceFacts {
	_, inMemory := p.Files.Overlay()[f.Path]
	facts, hit := p.Options.Cache.Scan(f, !inMemory)
	p.Options.Stats.countScan(hit)
	return facts
}
