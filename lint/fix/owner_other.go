//go:build !unix

package fix

import "io/fs"

// owner: files have no numeric owner here; only mode bits are kept.
func owner(fs.FileInfo) (uid, gid int, ok bool) { return 0, 0, false }
