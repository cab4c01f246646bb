package rules

import (
	"os"
	"testing"

	"github.com/wranglint/wranglint/lint/source"
)

// Every test of the rules runs with reads after Load made fatal: a rule
// (or an analysis it requires) that reads the disk instead of the
// snapshot fails here.
func TestMain(m *testing.M) {
	source.PanicOnLateRead = true
	os.Exit(m.Run())
}
