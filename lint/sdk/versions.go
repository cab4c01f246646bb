package sdk

import (
	"encoding/json"
	"path/filepath"
	"strconv"
	"strings"
	"sync"

	"github.com/wranglint/wranglint/lint/source"
)

// Version is a semantic version's numbers; pre-release tags are ignored.
type Version struct{ Major, Minor, Patch int }

func (v Version) String() string {
	return source.Itoa(v.Major) + "." + source.Itoa(v.Minor) + "." + source.Itoa(v.Patch)
}

// Less orders versions.
func (v Version) Less(w Version) bool {
	if v.Major != w.Major {
		return v.Major < w.Major
	}
	if v.Minor != w.Minor {
		return v.Minor < w.Minor
	}
	return v.Patch < w.Patch
}

var versionRe = source.LazyRegexp(`(\d+)(?:\.(\d+|[xX*]))?(?:\.(\d+|[xX*]))?`)

// ParseVersion reads "1.2.3", "v1.2", "0.2.x"; wildcards count as 0.
func ParseVersion(s string) (Version, bool) {
	m := versionRe().FindStringSubmatch(s)
	if m == nil {
		return Version{}, false
	}
	num := func(x string) int { n, _ := strconv.Atoi(x); return n }
	return Version{num(m[1]), num(m[2]), num(m[3])}, true
}

// LowestInRange returns the lowest version an npm range allows: the first
// version of each "||" alternative, the lowest of those.
func LowestInRange(r string) (Version, bool) {
	r = strings.TrimSpace(r)
	if r == "" || r == "*" || r == "latest" || r == "x" || strings.ContainsAny(r, ":/#") {
		return Version{}, false // tags, workspace:, git and file specifiers say nothing
	}
	var best Version
	found := false
	for _, alt := range strings.Split(r, "||") {
		alt = strings.TrimLeft(strings.TrimSpace(alt), "^~>=v ")
		if strings.HasPrefix(strings.TrimSpace(alt), "<") {
			continue
		}
		if v, ok := ParseVersion(alt); ok && (!found || v.Less(best)) {
			best, found = v, true
		}
	}
	return best, found
}

// PackageVersion says which version of a package is in use and how that
// was learned.
type PackageVersion struct {
	Package string // "agents", "agents-sdk" or "partyserver"
	Version Version
	Found   bool
	Source  string // what the version was read from
}

// Origin says, for messages, how the version is known: "installed",
// "locked", "required" (the lowest a package.json range allows) or
// "configured" (set in settings).
func (p PackageVersion) Origin() string {
	switch {
	case strings.HasPrefix(p.Source, "installed"):
		return "installed"
	case strings.HasPrefix(p.Source, "lockfile"):
		return "locked"
	case strings.HasPrefix(p.Source, "lowest"):
		return "required"
	case strings.HasPrefix(p.Source, "set in"):
		return "configured"
	}
	return ""
}

func (p PackageVersion) String() string {
	if !p.Found {
		return p.Package + ": not found (assuming the current behaviour)"
	}
	return p.Package + " " + p.Version.String() + " (" + p.Source + ")"
}

// Versions are the SDK versions that decide the naming eras for files in
// one folder.
type Versions struct {
	Agents      PackageVersion
	PartyServer PackageVersion
}

// ServerEra is the conversion routeAgentRequest applies to binding names.
// From agents 0.21 on, agents routes by itself (agents 0.32 no longer
// depends on partyserver), so a partyserver version only counts below that.
func (v Versions) ServerEra() Era {
	if a := v.Agents; a.Found && a.Package == "agents" && !a.Version.Less(Version{0, 21, 0}) {
		return EraCurrent
	}
	if p := v.PartyServer; p.Found {
		switch {
		case !p.Version.Less(Version{0, 0, 66}):
			return EraCurrent
		case !p.Version.Less(Version{0, 0, 50}):
			return EraKebabV1
		}
		return EraLowercase
	}
	if a := v.Agents; a.Found && (a.Package == "agents-sdk" || a.Version.Less(Version{0, 0, 42})) {
		return EraKebabV1
	}
	return EraCurrent
}

// ClientEra is the conversion the official client applies to "agent".
func (v Versions) ClientEra() Era {
	if a := v.Agents; a.Found && a.Version.Less(Version{0, 0, 48}) {
		return EraVerbatim
	}
	return EraCurrent
}

// Explain says in one line which versions were used and why.
func (v Versions) Explain() string {
	return v.Agents.String() + "; " + v.PartyServer.String() + "; server names: " + v.ServerEra().String() + "; client names: " + v.ClientEra().String()
}

// VersionFinder looks versions up per folder. Each folder is examined
// once (its node_modules, lockfiles and package.json), and each file in
// it read and parsed once per run, since a monorepo asks for thousands of
// folders below one large lockfile; a lookup then walks up through those
// facts in memory.
type VersionFinder struct {
	fs      *source.FileSet
	mu      sync.Mutex
	cache   map[string]Versions
	folders map[string]*folder
}

// folder is what one folder holds that decides versions.
type folder struct {
	hasModules bool                      // a node_modules folder
	installed  map[string]*installedCopy // by package; nil entries: not installed here
	locks      []lockfile                // in lockfileNames order
	deps       map[string]string         // package.json's declared ranges; nil without one
	depsPath   string
}

type installedCopy struct {
	path    string
	version Version
}

type lockfile struct {
	path string
	ix   lockIndex
}

// NewVersionFinder returns an empty finder.
func NewVersionFinder(fs *source.FileSet) *VersionFinder {
	return &VersionFinder{fs: fs, cache: map[string]Versions{}, folders: map[string]*folder{}}
}

// For returns the versions in force for files in dir.
func (vf *VersionFinder) For(dir string) Versions {
	vf.mu.Lock()
	defer vf.mu.Unlock()
	if v, ok := vf.cache[dir]; ok {
		return v
	}
	v := Versions{Agents: vf.find(dir, "agents", "agents-sdk"), PartyServer: vf.find(dir, "partyserver")}
	vf.cache[dir] = v
	return v
}

func (vf *VersionFinder) read(path string) []byte {
	if !vf.fs.IsFile(path) {
		return nil
	}
	if f, err := vf.fs.Read(path); err == nil {
		return f.Data
	}
	return nil
}

// folder examines d once.
func (vf *VersionFinder) folder(d string) *folder {
	if f, ok := vf.folders[d]; ok {
		return f
	}
	f := &folder{hasModules: vf.fs.IsDir(filepath.Join(d, "node_modules")), installed: map[string]*installedCopy{}}
	for _, name := range lockfileNames {
		p := filepath.Join(d, name)
		if data := vf.read(p); data != nil {
			f.locks = append(f.locks, lockfile{p, parseLockfile(name, data)})
		}
	}
	f.depsPath = filepath.Join(d, "package.json")
	f.deps = dependencies(vf.read(f.depsPath))
	vf.folders[d] = f
	return f
}

// dependencies returns a package.json's declared ranges (dependencies win
// over devDependencies, peerDependencies and optionalDependencies), or
// nil.
func dependencies(data []byte) map[string]string {
	var pkg map[string]json.RawMessage
	if data == nil || json.Unmarshal(data, &pkg) != nil {
		return nil
	}
	out := map[string]string{}
	for _, field := range []string{"optionalDependencies", "peerDependencies", "devDependencies", "dependencies"} {
		var deps map[string]string
		_ = json.Unmarshal(pkg[field], &deps)
		for name, r := range deps {
			out[name] = r
		}
	}
	return out
}

// copyOf is the copy of name installed in d's node_modules (or below its
// node_modules/agents), or nil.
func (vf *VersionFinder) copyOf(d string, f *folder, name string) *installedCopy {
	if !f.hasModules {
		return nil
	}
	if c, ok := f.installed[name]; ok {
		return c
	}
	var c *installedCopy
	for _, p := range []string{
		filepath.Join(d, "node_modules", name, "package.json"),
		filepath.Join(d, "node_modules", "agents", "node_modules", name, "package.json"),
	} {
		var pkg struct{ Version string }
		if json.Unmarshal(vf.read(p), &pkg) == nil && pkg.Version != "" {
			if v, good := ParseVersion(pkg.Version); good {
				c = &installedCopy{p, v}
				break
			}
		}
	}
	f.installed[name] = c
	return c
}

// find tries, in order: an installed copy (walking up, as Node resolves),
// a lockfile, the lowest version a package.json range allows.
func (vf *VersionFinder) find(dir string, names ...string) PackageVersion {
	for _, name := range names {
		if pv, ok := vf.installed(dir, name); ok {
			return pv
		}
	}
	for _, name := range names {
		if pv, ok := vf.locked(dir, name); ok {
			return pv
		}
	}
	for _, name := range names {
		if pv, ok := vf.declared(dir, name); ok {
			return pv
		}
	}
	return PackageVersion{Package: names[0]}
}

func (vf *VersionFinder) installed(dir, name string) (pv PackageVersion, ok bool) {
	source.WalkUp(dir, func(d string) bool {
		if c := vf.copyOf(d, vf.folder(d), name); c != nil {
			pv, ok = PackageVersion{name, c.version, true, "installed: " + relOrAbs(dir, c.path)}, true
		}
		return ok
	})
	return pv, ok
}

// locked reads the nearest lockfile that resolves name to a version the
// nearest package.json's range allows (a lockfile may list an older copy
// first, used by another workspace or left stale).
func (vf *VersionFinder) locked(dir, name string) (pv PackageVersion, ok bool) {
	declared, _ := vf.declaredRange(dir, name, func(r string) bool { _, ok := ParseRange(r); return ok })
	source.WalkUp(dir, func(d string) bool {
		for _, lock := range vf.folder(d).locks {
			rel, err := filepath.Rel(d, dir)
			if err != nil || rel == "." {
				rel = ""
			}
			if e, found := lock.ix.pick(name, filepath.ToSlash(rel), declared); found {
				pv, ok = PackageVersion{name, e.Version, true, "lockfile: " + relOrAbs(dir, lock.path)}, true
				return true
			}
		}
		return false
	})
	return pv, ok
}

// declaredRange is the range the nearest package.json declares for the
// package, skipping those usable rejects (workspace:, tags), and that
// file's path.
func (vf *VersionFinder) declaredRange(dir, name string, usable func(string) bool) (r, path string) {
	source.WalkUp(dir, func(d string) bool {
		f := vf.folder(d)
		if x, has := f.deps[name]; has && usable(x) {
			r, path = x, f.depsPath
			return true
		}
		return false
	})
	return r, path
}

func (vf *VersionFinder) declared(dir, name string) (pv PackageVersion, ok bool) {
	r, p := vf.declaredRange(dir, name, func(r string) bool { _, ok := LowestInRange(r); return ok })
	if v, good := LowestInRange(r); good {
		return PackageVersion{name, v, true, "lowest version " + source.Quote(r) + " allows in " + relOrAbs(dir, p)}, true
	}
	return pv, false
}

func relOrAbs(base, p string) string {
	if r, err := filepath.Rel(base, p); err == nil {
		return filepath.ToSlash(r)
	}
	return p
}
