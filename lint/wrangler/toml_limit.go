package wrangler

import (
	"fmt"

	"github.com/pelletier/go-toml/v2/unstable"
	"github.com/wranglint/wranglint/lint/source"
)

// maxTOMLEntries bounds the tables and keys of a TOML config. go-toml's
// validation (ParseTOML's first pass) looks each one up among all those
// seen before it, so its time grows with the square of their number:
// 40,000 tables take seconds, the 450,000 a 4 MiB file can hold minutes.
// A real wrangler.toml has a few hundred; 10,000 environments with a
// table of vars each stay well below.
const maxTOMLEntries = 50000

// tooManyEntries returns where a TOML document passes maxTOMLEntries
// tables and keys (counted in one pass of the parser; inline tables are
// checked on their own and cost what they hold), ok false when it does not.
func tooManyEntries(f *source.File) (off int, ok bool) {
	p := &unstable.Parser{}
	p.Reset(f.Data)
	n := 0
	for p.NextExpression() {
		e := p.Expression()
		switch e.Kind {
		case unstable.KeyValue, unstable.Table, unstable.ArrayTable:
			if n++; n > maxTOMLEntries {
				if it := e.Key(); it.Next() {
					return int(it.Node().Raw.Offset), true // the key: a table's own range is not kept
				}
				return int(e.Raw.Offset), true
			}
		}
	}
	return 0, false // a syntax error is reported by the passes that follow
}

func tooManyEntriesError(f *source.File, off int) error {
	return source.SyntaxAt(f, off, fmt.Sprintf("over %d tables and keys: wranglint does not check a TOML config this large (checking it takes time that grows with the square of their number, minutes at this size); a real wrangler.toml has a few hundred, so is it generated? Write it as wrangler.jsonc, which has no such limit", maxTOMLEntries))
}
