package main

import "flag"

// -update rewrites generated files (the rule pages under docs/rules, the
// README's samples); the rules package has its own, so that
// `go test ./... -run Corpus -update` runs across every package.
var update = flag.Bool("update", false, "rewrite generated files (docs/rules, README samples)")
