package jscode

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"hash/crc32"
	"os"
	"path/filepath"
	"reflect"
	"strings"

	"github.com/wranglint/wranglint/lint/source"
)

// cacheFormat changes whenever the layout of cache files changes.
const cacheFormat = "3"

// Cache keeps the facts ScanSource extracts from each file between runs,
// as ruff and eslint do: one small file per content, in
// os.UserCacheDir()/wranglint by default. An entry's name is the hash of
// the file's bytes, its extension (which picks the parser), wranglint's
// version, the cache format and the structure of the facts' types, so an
// entry is never stale: a changed file, a new wranglint or new facts give
// new names. Entries are written to a temporary file and renamed, so that
// concurrent runs never read half an entry; a corrupt entry is ignored and
// written again.
type Cache struct {
	dir  string
	salt []byte
}

// DefaultCacheDir is os.UserCacheDir()/wranglint.
func DefaultCacheDir() (string, error) {
	d, err := os.UserCacheDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(d, "wranglint"), nil
}

// OpenCache returns a cache in dir for the given wranglint version. It
// touches the disk only when used; nil (no cache) is a valid *Cache.
func OpenCache(dir, version string) *Cache {
	salt := "wranglint-cache " + cacheFormat + "\x00" + version + "\x00" + factsFingerprint
	return &Cache{dir: dir, salt: []byte(salt)}
}

// factsFingerprint is the structure of the facts, computed once.
var factsFingerprint = typeFingerprint(reflect.TypeFor[SourceFacts]())

// Scan returns ScanSource(f), from the cache when an entry for f's bytes
// exists; hit says so. store false scans without writing an entry (for
// contents that exist only in memory, such as the fixer's).
func (c *Cache) Scan(f *source.File, store bool) (facts *SourceFacts, hit bool) {
	if c == nil {
		return ScanSource(f), false
	}
	key := c.key("scan", strings.ToLower(filepath.Ext(f.Path)), f.Data)
	if data, ok := c.read(key); ok {
		var sf SourceFacts
		if decodeFacts(data, &sf, f) == nil {
			return &sf, true
		}
	}
	facts = ScanSource(f)
	if store {
		if data, err := encodeFacts(facts, f); err == nil {
			c.write(key, data)
		}
	}
	return facts, false
}

// key hashes the salt, a kind, and the parts that decide the entry.
func (c *Cache) key(kind string, parts ...any) string {
	h := sha256.New()
	h.Write(c.salt)
	h.Write([]byte{0})
	h.Write([]byte(kind))
	for _, p := range parts {
		h.Write([]byte{0})
		switch x := p.(type) {
		case string:
			h.Write([]byte(x))
		case []byte:
			h.Write(x)
		}
	}
	return hex.EncodeToString(h.Sum(nil))
}

// Entry layout: magic, the key (so a file copied under another name is not
// trusted), the payload's CRC-32, the payload.
var entryMagic = []byte("wlc" + cacheFormat)

func (c *Cache) path(key string) string { return filepath.Join(c.dir, key[:2], key) }

func (c *Cache) read(key string) ([]byte, bool) {
	data, err := os.ReadFile(c.path(key))
	head := len(entryMagic) + len(key) + 4
	if err != nil || len(data) < head || !bytes.HasPrefix(data, entryMagic) || string(data[len(entryMagic):head-4]) != key {
		return nil, false
	}
	payload := data[head:]
	if crc32.ChecksumIEEE(payload) != beUint32(data[head-4:head]) {
		return nil, false
	}
	return payload, true
}

func beUint32(b []byte) uint32 {
	return uint32(b[0])<<24 | uint32(b[1])<<16 | uint32(b[2])<<8 | uint32(b[3])
}

// write stores an entry atomically; failures (read-only disk, full
// disk) only cost the next run a rescan.
func (c *Cache) write(key string, payload []byte) {
	data := make([]byte, 0, len(entryMagic)+len(key)+4+len(payload))
	data = append(data, entryMagic...)
	data = append(data, key...)
	sum := crc32.ChecksumIEEE(payload)
	data = append(data, byte(sum>>24), byte(sum>>16), byte(sum>>8), byte(sum))
	data = append(data, payload...)
	p := c.path(key)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return
	}
	tmp, err := os.CreateTemp(filepath.Dir(p), ".tmp-*")
	if err != nil {
		return
	}
	_, werr := tmp.Write(data)
	cerr := tmp.Close()
	if werr != nil || cerr != nil || os.Rename(tmp.Name(), p) != nil {
		os.Remove(tmp.Name())
	}
}
