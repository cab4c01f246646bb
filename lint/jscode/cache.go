package jscode

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"

	"github.com/wranglint/wranglint/lint/cache"
	"github.com/wranglint/wranglint/lint/source"
)

// cacheFormat changes whenever what a facts entry means changes beyond
// what the type fingerprint sees.
const cacheFormat = "4"

// Cache keeps the facts ScanSource extracts from each file between runs,
// in a lint/cache store (os.UserCacheDir()/wranglint by default). An
// entry's key is the hash of the file's bytes, its extension (which picks
// the parser), the cache format and the structure of the facts' types,
// salted with the build's identity, so an entry is never stale. A decoded
// entry is checked against the file (every span inside it, every index
// and count consistent) before use: anything else is a miss. Facts of a
// file holding a secret (a token in a known format) are never stored.
// A nil *Cache is valid: no cache.
type Cache struct {
	store   *cache.Store
	journal *cache.Journal
}

// DefaultCacheDir is os.UserCacheDir()/wranglint.
func DefaultCacheDir() (string, error) {
	d, err := os.UserCacheDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(d, "wranglint"), nil
}

// NewCache keeps facts in store (nil: no cache).
func NewCache(store *cache.Store) *Cache {
	if store == nil {
		return nil
	}
	return &Cache{store: store}
}

// OpenCache opens the store in dir with salt in place of the build's
// identity (tests and benchmarks); nil when the folder cannot be used.
func OpenCache(dir, salt string) *Cache {
	s, err := cache.Open(dir, cache.Options{Salt: []byte(salt)})
	if err != nil {
		return nil
	}
	return NewCache(s)
}

// Store is the store the facts live in (nil for no cache).
func (c *Cache) Store() *cache.Store {
	if c == nil {
		return nil
	}
	return c.store
}

// SetJournal makes every file set loaded with this cache record what it
// reads into j (the up-to-date check of the next run).
func (c *Cache) SetJournal(j *cache.Journal) {
	if c != nil {
		c.journal = j
	}
}

// Watch is told of each file set a load reads through (project.Load).
func (c *Cache) Watch(fs *source.FileSet) {
	if c != nil && c.journal != nil {
		c.journal.Watch(fs)
	}
}

// Close writes the entries this run added (see cache.Store.Close).
func (c *Cache) Close() error {
	if c == nil {
		return nil
	}
	return c.store.Close()
}

// factsFingerprint is the structure of the facts, computed once (on first
// use: no work at start-up).
var factsFingerprint = sync.OnceValue(func() string { return cache.Fingerprint(reflect.TypeFor[SourceFacts]()) })

// Scan returns ScanSource(f), from the cache when an entry for f's bytes
// exists; hit says so. store false scans without writing an entry (for
// contents that exist only in memory, such as the fixer's).
func (c *Cache) Scan(f *source.File, store bool) (facts *SourceFacts, hit bool) {
	if c == nil {
		return ScanSource(f), false
	}
	key := c.store.Key("scan", []byte(cacheFormat), []byte(factsFingerprint()), []byte(strings.ToLower(filepath.Ext(f.Path))), f.Data)
	if data, ok := c.store.Get(key); ok {
		if sf, err := decodeFacts(data, f); err == nil {
			return sf, true
		}
	}
	facts = ScanSource(f)
	if store && !holdsSecret(f) {
		if data, err := cache.Encode(facts, f); err == nil {
			c.store.Put(key, data)
		}
	}
	return facts, false
}

// holdsSecret: the file has text that is never printed (a token in a
// known format, lint/source): its facts may quote it, so they are not
// written to the disk.
func holdsSecret(f *source.File) bool { return len(f.SecretRanges(0, len(f.Data))) > 0 }

// decodeFacts decodes an entry for f and checks it against f.
func decodeFacts(data []byte, f *source.File) (*SourceFacts, error) {
	var sf SourceFacts
	if err := cache.Decode(data, &sf, f); err != nil {
		return nil, err
	}
	if err := sf.check(f); err != nil {
		return nil, err
	}
	return &sf, nil
}
