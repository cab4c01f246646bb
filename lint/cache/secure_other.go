//go:build !unix

package cache

import "io/fs"

// Elsewhere the folder's access control list decides who may write
// there; wranglint does not read ACLs, and opens entries as regular files.
const (
	openFlags   = 0
	createFlags = 0
)

func ownedByUser(fs.FileInfo) (string, bool) { return "", true }
