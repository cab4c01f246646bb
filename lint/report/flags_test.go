package report

import "flag"

// -update is the rules package's; accepting it here lets
// `go test ./... -run Corpus -update` run across every package.
var _ = flag.Bool("update", false, "rewrite generated test data (used by ./rules)")
