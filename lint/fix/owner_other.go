//go:build !unix

package fix

import "io/fs"

// ownerOf: files have no numeric owner here; only mode bits are kept.
func ownerOf(fs.FileInfo) (uid, gid int, ok bool) { return 0, 0, false }
