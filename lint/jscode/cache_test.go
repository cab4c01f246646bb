package jscode

import (
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/wranglint/wranglint/lint/source"
)

// testScripts lists every .ts and .tsx file under testdata.
func testScripts(t *testing.T) []*source.File {
	t.Helper()
	root, _ := filepath.Abs("../../testdata")
	var out []*source.File
	filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		ext := filepath.Ext(path)
		if err != nil || d.IsDir() || (ext != ".ts" && ext != ".tsx") {
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, source.NewFile(path, strings.TrimPrefix(path, root+"/"), data))
		return nil
	})
	if len(out) < 50 {
		t.Fatalf("only %d .ts/.tsx files under testdata", len(out))
	}
	return out
}

// TestCacheEqualsScan: for every .ts/.tsx under testdata, facts taken from
// the cache equal a fresh scan, through the codec and through the disk.
func TestCacheEqualsScan(t *testing.T) {
	c := OpenCache(t.TempDir(), "test")
	seen := map[string]bool{} // some fixtures have the same bytes: one entry
	for _, f := range testScripts(t) {
		fresh := ScanSource(f)
		data, err := encodeFacts(fresh, f)
		if err != nil {
			t.Errorf("%s: %v", f.Rel, err)
			continue
		}
		var decoded SourceFacts
		if err := decodeFacts(data, &decoded, f); err != nil {
			t.Errorf("%s: %v", f.Rel, err)
			continue
		}
		if !reflect.DeepEqual(fresh, &decoded) {
			t.Errorf("%s: decoded facts differ:\nfresh   %+v\ndecoded %+v", f.Rel, fresh, &decoded)
		}
		content := filepath.Ext(f.Path) + "\x00" + string(f.Data)
		if _, hit := c.Scan(f, true); hit != seen[content] {
			t.Errorf("%s: hit %v, want %v", f.Rel, hit, seen[content])
		}
		seen[content] = true
		cached, hit := c.Scan(f, true)
		if !hit || !reflect.DeepEqual(fresh, cached) {
			t.Errorf("%s: second scan: hit %v, equal %v", f.Rel, hit, reflect.DeepEqual(fresh, cached))
		}
	}
}

// TestCacheCorrupt: a truncated, altered or foreign entry is ignored and
// written again.
func TestCacheCorrupt(t *testing.T) {
	dir := t.TempDir()
	c := OpenCache(dir, "test")
	f := testScripts(t)[0]
	c.Scan(f, true)
	var entry string
	filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			entry = path
		}
		return nil
	})
	good, err := os.ReadFile(entry)
	if err != nil {
		t.Fatal(err)
	}
	flipped := append([]byte(nil), good...)
	flipped[len(flipped)-1] ^= 0xff
	for name, bad := range map[string][]byte{
		"truncated": good[:len(good)/2], "flipped": flipped, "empty": nil, "garbage": []byte(strings.Repeat("\xff", 300)),
	} {
		if err := os.WriteFile(entry, bad, 0o644); err != nil {
			t.Fatal(err)
		}
		facts, hit := c.Scan(f, true)
		if hit || !reflect.DeepEqual(facts, ScanSource(f)) {
			t.Errorf("%s entry: hit %v", name, hit)
		}
		if _, hit := c.Scan(f, true); !hit {
			t.Errorf("%s entry was not written again", name)
		}
	}
	other := OpenCache(dir, "other version")
	if _, hit := other.Scan(f, false); hit {
		t.Error("an entry of another version was read")
	}
}

// TestCacheDecodeGarbage: decoding arbitrary bytes fails without a panic
// or a huge allocation.
func TestCacheDecodeGarbage(t *testing.T) {
	f := source.NewFile("/x.ts", "x.ts", []byte("export const x = 1;\n"))
	for _, in := range []string{"", "\x01", "\xff\xff\xff\xff\xff\xff\xff\xff\x7f", strings.Repeat("\x05", 100)} {
		var sf SourceFacts
		if err := decodeFacts([]byte(in), &sf, f); err == nil {
			t.Errorf("%q decoded", in)
		}
	}
}

// TestCacheConcurrent: runs sharing a cache folder each see whole entries.
func TestCacheConcurrent(t *testing.T) {
	dir := t.TempDir()
	files := testScripts(t)[:20]
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c := OpenCache(dir, "test")
			for range 3 {
				for _, f := range files {
					if facts, _ := c.Scan(f, true); !reflect.DeepEqual(facts, ScanSource(f)) {
						t.Errorf("%s: facts differ", f.Rel)
					}
				}
			}
		}()
	}
	wg.Wait()
}
