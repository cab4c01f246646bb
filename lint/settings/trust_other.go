//go:build !unix

package settings

import "io/fs"

// Windows has no owner and mode bits that say who may write a folder:
// settings are looked up as in a repository, up to the home folder.

func currentUsers() []uint32 { return nil }

func fileOwner(fs.FileInfo) (uint32, bool) { return 0, false }

func othersCanWrite(fs.FileInfo, []uint32) string { return "" }
