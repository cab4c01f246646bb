//go:build !unix

package project

import "time"

// usage is unknown here: --stats shows wall times only.
func usage() (time.Duration, int64) { return 0, 0 }
