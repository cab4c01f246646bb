//go:build !unix

package lint

import "time"

// cpuTime is unknown here: --stats shows wall time only.
func cpuTime() time.Duration { return 0 }
