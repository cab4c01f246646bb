package jscode

import (
	"path/filepath"
	"strings"

	"github.com/wranglint/wranglint/lint/cache"
	"github.com/wranglint/wranglint/lint/source"
)

// ScanKeyForTest is the key of f's facts, for tests outside the package
// that plant entries.
func ScanKeyForTest(c *Cache, f *source.File) cache.Key {
	return c.store.Key("scan", []byte(cacheFormat), []byte(factsFingerprint()), []byte(strings.ToLower(filepath.Ext(f.Path))), f.Data)
}
