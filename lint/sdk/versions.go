package sdk

import (
	"bufio"
	"bytes"
	"encoding/json"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"github.com/tailscale/hujson"
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

var versionRe = regexp.MustCompile(`(\d+)(?:\.(\d+|[xX*]))?(?:\.(\d+|[xX*]))?`)

// ParseVersion reads "1.2.3", "v1.2", "0.2.x"; wildcards count as 0.
func ParseVersion(s string) (Version, bool) {
	m := versionRe.FindStringSubmatch(s)
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

// VersionFinder looks versions up per folder, caching what it read.
type VersionFinder struct {
	fs    *source.FileSet
	mu    sync.Mutex
	cache map[string]Versions
	files map[string][]byte
}

// NewVersionFinder returns an empty finder.
func NewVersionFinder(fs *source.FileSet) *VersionFinder {
	return &VersionFinder{fs: fs, cache: map[string]Versions{}, files: map[string][]byte{}}
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
	if b, ok := vf.files[path]; ok {
		return b
	}
	var b []byte
	if f, err := vf.fs.Read(path); err == nil {
		b = f.Data
	}
	vf.files[path] = b
	return b
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
		for _, p := range []string{
			filepath.Join(d, "node_modules", name, "package.json"),
			filepath.Join(d, "node_modules", "agents", "node_modules", name, "package.json"),
		} {
			var pkg struct{ Version string }
			if json.Unmarshal(vf.read(p), &pkg) == nil && pkg.Version != "" {
				if v, good := ParseVersion(pkg.Version); good {
					pv, ok = PackageVersion{name, v, true, "installed: " + relOrAbs(dir, p)}, true
					return true
				}
			}
		}
		return false
	})
	return pv, ok
}

func (vf *VersionFinder) locked(dir, name string) (pv PackageVersion, ok bool) {
	source.WalkUp(dir, func(d string) bool {
		for _, lock := range []string{"package-lock.json", "pnpm-lock.yaml", "yarn.lock", "bun.lock"} {
			p := filepath.Join(d, lock)
			data := vf.read(p)
			if data == nil {
				continue
			}
			if s, found := lockedVersion(lock, data, name); found {
				if v, good := ParseVersion(s); good {
					pv, ok = PackageVersion{name, v, true, "lockfile: " + relOrAbs(dir, p)}, true
					return true
				}
			}
		}
		return false
	})
	return pv, ok
}

func (vf *VersionFinder) declared(dir, name string) (pv PackageVersion, ok bool) {
	source.WalkUp(dir, func(d string) bool {
		p := filepath.Join(d, "package.json")
		var pkg map[string]json.RawMessage
		if json.Unmarshal(vf.read(p), &pkg) != nil {
			return false
		}
		for _, field := range []string{"dependencies", "devDependencies", "peerDependencies"} {
			var deps map[string]string
			_ = json.Unmarshal(pkg[field], &deps)
			if r, has := deps[name]; has {
				if v, good := LowestInRange(r); good {
					pv, ok = PackageVersion{name, v, true, "lowest version " + source.Quote(r) + " allows in " + relOrAbs(dir, p)}, true
					return true
				}
			}
		}
		return false
	})
	return pv, ok
}

func relOrAbs(base, p string) string {
	if r, err := filepath.Rel(base, p); err == nil {
		return filepath.ToSlash(r)
	}
	return p
}

// lockedVersion reads name's version from a lockfile's text.
func lockedVersion(kind string, data []byte, name string) (string, bool) {
	switch kind {
	case "package-lock.json":
		var lock struct {
			Packages     map[string]struct{ Version string } `json:"packages"`
			Dependencies map[string]struct{ Version string } `json:"dependencies"`
		}
		if json.Unmarshal(data, &lock) != nil {
			return "", false
		}
		if p, ok := lock.Packages["node_modules/"+name]; ok && p.Version != "" {
			return p.Version, true
		}
		if p, ok := lock.Dependencies[name]; ok && p.Version != "" {
			return p.Version, true
		}
	case "bun.lock":
		return bunLocked(data, name)
	case "pnpm-lock.yaml":
		return pnpmLocked(data, name)
	case "yarn.lock":
		return yarnLocked(data, name)
	}
	return "", false
}

func bunLocked(data []byte, name string) (string, bool) {
	std, err := hujson.Standardize(append([]byte(nil), data...))
	if err != nil {
		return "", false
	}
	var lock struct {
		Packages map[string][]json.RawMessage `json:"packages"`
	}
	if json.Unmarshal(std, &lock) != nil || len(lock.Packages[name]) == 0 {
		return "", false
	}
	var id string
	if json.Unmarshal(lock.Packages[name][0], &id) != nil || !strings.HasPrefix(id, name+"@") {
		return "", false
	}
	return strings.TrimPrefix(id, name+"@"), true
}

// pnpmLocked reads a package key ("/agents@0.2.3:" in v6, "agents@0.2.3:"
// in v9) from pnpm-lock.yaml; pnpm's YAML is regular enough for that.
func pnpmLocked(data []byte, name string) (string, bool) {
	for _, prefix := range []string{"/" + name + "@", name + "@", "'" + name + "@", "/" + name + "/"} {
		sc := bufio.NewScanner(bytes.NewReader(data))
		sc.Buffer(make([]byte, 64<<10), 16<<20)
		for sc.Scan() {
			line := strings.TrimSpace(sc.Text())
			if strings.HasPrefix(line, prefix) && strings.HasSuffix(line, ":") {
				v := strings.TrimSuffix(strings.TrimPrefix(line, prefix), ":")
				v = strings.Trim(v, "'")
				if i := strings.IndexByte(v, '('); i >= 0 {
					v = v[:i]
				}
				return v, true
			}
		}
	}
	return "", false
}

// yarnLocked reads `"agents@^0.2.0":` followed by `version "0.2.3"`
// (classic) or `version: 0.2.3` (berry).
func yarnLocked(data []byte, name string) (string, bool) {
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 64<<10), 16<<20)
	inEntry := false
	for sc.Scan() {
		line := sc.Text()
		if !strings.HasPrefix(line, " ") {
			inEntry = false
			for _, key := range strings.Split(strings.TrimSuffix(line, ":"), ",") {
				key = strings.Trim(strings.TrimSpace(key), `"`)
				if strings.HasPrefix(key, name+"@") {
					inEntry = true
				}
			}
			continue
		}
		if t := strings.TrimSpace(line); inEntry && strings.HasPrefix(t, "version") {
			v := strings.Trim(strings.TrimSpace(strings.TrimPrefix(strings.TrimPrefix(t, "version"), ":")), `"`)
			return v, true
		}
	}
	return "", false
}
