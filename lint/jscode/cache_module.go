package jscode

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"reflect"
	"sync"

	"github.com/wranglint/wranglint/lint/source"
)

// Module graphs in the cache. An esbuild build is the costliest step of a
// run, and its result depends only on the bytes of the modules it read
// and on how their imports resolve. So an entry, found by the main's path,
// holds the graph and what it was built from: the hash of every input,
// the listing of every folder holding one (a new file can change how an
// import resolves), and every tsconfig.json, jsconfig.json and
// package.json in those folders and their parents (paths aliases,
// "imports", "browser"). The entry is used only when all of these are as
// they were. Builds that failed are not cached.

// moduleEntry is what the cache keeps per main.
type moduleEntry struct {
	Exports, Inputs []string
	External        map[string]string
	InputHashes     []string // per input
	Dirs, Listings  []string // folders holding inputs, and their listing hashes
	Configs, Hashes []string // resolution configs in those folders and above; "" when absent
}

// resolutionConfigs are the files in a folder or its parents that change
// how esbuild resolves an import.
var resolutionConfigs = []string{"tsconfig.json", "jsconfig.json", "package.json"}

// LoadModules is the package's LoadModules with graphs reused from the
// cache when nothing they were built from changed; cached counts those.
// A nil cache, or an in-memory overlay (the fixer's passes), builds all.
func (c *Cache) LoadModules(reqs []ModuleRequest, files *source.FileSet) (mods []*Module, cached int) {
	if c == nil || len(files.Overlay()) > 0 {
		return LoadModules(reqs, files), 0
	}
	v := &validator{files: files, listing: map[string]string{}, config: map[string]string{}, content: map[string]string{}}
	mods = make([]*Module, len(reqs))
	source.Parallel(len(reqs), func(i int) { mods[i] = c.cachedModule(reqs[i], v) })
	var miss []ModuleRequest
	var at []int
	for i, m := range mods {
		if m == nil {
			miss = append(miss, reqs[i])
			at = append(at, i)
		}
	}
	built := LoadModules(miss, files)
	source.Parallel(len(built), func(k int) {
		mods[at[k]] = built[k]
		if built[k].Built && len(built[k].Problems) == 0 {
			c.storeModule(miss[k], built[k], v)
		}
	})
	return mods, len(reqs) - len(miss)
}

func (c *Cache) moduleKey(r ModuleRequest) string {
	return c.key("module", moduleFingerprint, r.Main, r.ProjectDir)
}

var moduleFingerprint = typeFingerprint(reflect.TypeFor[moduleEntry]())

// cachedModule returns the cached graph of r if it is still valid, or nil.
func (c *Cache) cachedModule(r ModuleRequest, v *validator) *Module {
	data, ok := c.read(c.moduleKey(r))
	if !ok {
		return nil
	}
	var e moduleEntry
	if decodeFacts(data, &e, nil) != nil || len(e.Inputs) != len(e.InputHashes) ||
		len(e.Dirs) != len(e.Listings) || len(e.Configs) != len(e.Hashes) || !v.valid(&e) {
		return nil
	}
	return &Module{Main: r.Main, Exists: true, Built: true, Exports: e.Exports, Inputs: e.Inputs, External: e.External}
}

func (c *Cache) storeModule(r ModuleRequest, m *Module, v *validator) {
	e := moduleEntry{Exports: m.Exports, Inputs: m.Inputs, External: m.External}
	dirs := map[string]bool{}
	for _, in := range m.Inputs {
		h := v.contentHash(in)
		if h == "" {
			return // unreadable: nothing to check against next time
		}
		e.InputHashes = append(e.InputHashes, h)
		dirs[filepath.Dir(in)] = true
	}
	configs := map[string]bool{}
	for _, d := range source.SortedKeys(dirs) {
		e.Dirs = append(e.Dirs, d)
		e.Listings = append(e.Listings, v.listingHash(d))
		source.WalkUp(d, func(up string) bool {
			for _, name := range resolutionConfigs {
				configs[filepath.Join(up, name)] = true
			}
			return false
		})
	}
	for _, p := range source.SortedKeys(configs) {
		e.Configs = append(e.Configs, p)
		e.Hashes = append(e.Hashes, v.configHash(p))
	}
	if data, err := encodeFacts(&e, nil); err == nil {
		c.write(c.moduleKey(r), data)
	}
}

// validator checks entries against the disk, remembering what it hashed:
// Workers share folders, parents and modules.
type validator struct {
	files   *source.FileSet
	mu      sync.Mutex
	listing map[string]string // folder -> hash of its entries
	config  map[string]string // path -> hash, "" when absent
	content map[string]string // input path -> hash, "" when unreadable
}

func (v *validator) valid(e *moduleEntry) bool {
	for i, in := range e.Inputs {
		if h := v.contentHash(in); h == "" || h != e.InputHashes[i] {
			return false
		}
	}
	for i, d := range e.Dirs {
		if v.listingHash(d) != e.Listings[i] {
			return false
		}
	}
	for i, p := range e.Configs {
		if v.configHash(p) != e.Hashes[i] {
			return false
		}
	}
	return true
}

// memo returns m[key], computing it once (outside the lock).
func (v *validator) memo(m map[string]string, key string, compute func() string) string {
	v.mu.Lock()
	h, ok := m[key]
	v.mu.Unlock()
	if ok {
		return h
	}
	h = compute()
	v.mu.Lock()
	m[key] = h
	v.mu.Unlock()
	return h
}

// contentHash reads a module through the file set (the scan reuses the
// bytes) and hashes it; "" when it cannot be read.
func (v *validator) contentHash(path string) string {
	return v.memo(v.content, path, func() string {
		f, err := v.files.Read(path)
		if err != nil {
			return ""
		}
		return hashBytes(f.Data)
	})
}

func (v *validator) configHash(path string) string {
	return v.memo(v.config, path, func() string {
		if !v.files.IsFile(path) {
			return ""
		}
		f, err := v.files.Read(path)
		if err != nil {
			return "unreadable"
		}
		return hashBytes(f.Data)
	})
}

// listingHash hashes a folder's entry names and kinds ("" when it cannot
// be read).
func (v *validator) listingHash(dir string) string {
	return v.memo(v.listing, dir, func() string {
		entries, err := os.ReadDir(dir)
		if err != nil {
			return ""
		}
		h := sha256.New()
		for _, e := range entries {
			h.Write([]byte(e.Name()))
			h.Write([]byte{0, byte(e.Type() >> 24)})
		}
		return hex.EncodeToString(h.Sum(nil))
	})
}

func hashBytes(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}
