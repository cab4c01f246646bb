package report

import "flag"

// -update rewrites the route map goldens (testdata/routes); the rules
// package has its own, so `go test ./... -run Corpus -update` runs across
// every package.
var update = flag.Bool("update", false, "rewrite generated test data (the route map goldens here)")
