package sdk

import (
	"bufio"
	"bytes"
	"encoding/json"
	"strings"

	"github.com/tailscale/hujson"
)

// lockfileNames are the lockfiles read, in the order they are tried in
// each folder.
var lockfileNames = []string{"package-lock.json", "pnpm-lock.yaml", "yarn.lock", "bun.lock"}

// lockEntry is one resolved copy of a package in a lockfile.
type lockEntry struct {
	Version Version
	// Dir is the folder, relative to the lockfile's and slash-separated,
	// whose code resolves to this copy ("" for the hoisted copy, or when
	// the lockfile does not say).
	Dir string
	// Specs are the ranges the lockfile says resolve to this copy (yarn
	// keys, pnpm specifiers).
	Specs []string
}

// lockIndex holds every resolved copy of every package of one lockfile,
// in file order. A lockfile is parsed once per run into one.
type lockIndex map[string][]lockEntry

func (ix lockIndex) add(name, version, dir string, specs ...string) {
	version = strings.TrimPrefix(strings.TrimSpace(version), "v")
	if name == "" || version == "" || version[0] < '0' || version[0] > '9' {
		return // link:, file:, workspace: and git copies say nothing
	}
	if v, ok := ParseVersion(version); ok {
		ix[name] = append(ix[name], lockEntry{Version: v, Dir: dir, Specs: specs})
	}
}

// parseLockfile indexes a lockfile of the given kind (its file name).
func parseLockfile(kind string, data []byte) lockIndex {
	ix := lockIndex{}
	switch kind {
	case "package-lock.json":
		ix.npm(data)
	case "pnpm-lock.yaml":
		ix.pnpm(data)
	case "yarn.lock":
		ix.yarn(data)
	case "bun.lock":
		ix.bun(data)
	}
	return ix
}

type npmDeps map[string]struct {
	Version      string  `json:"version"`
	Dependencies npmDeps `json:"dependencies"`
}

// npm reads package-lock.json: v2/v3 "packages" keyed by install path
// ("workers/a/node_modules/agents"), else v1's nested "dependencies".
func (ix lockIndex) npm(data []byte) {
	var lock struct {
		Packages map[string]struct {
			Version string `json:"version"`
			Link    bool   `json:"link"`
		} `json:"packages"`
		Dependencies npmDeps `json:"dependencies"`
	}
	if json.Unmarshal(data, &lock) != nil {
		return
	}
	if len(lock.Packages) > 0 {
		for path, p := range lock.Packages {
			i := strings.LastIndex(path, "node_modules/")
			if i < 0 || p.Link {
				continue
			}
			ix.add(path[i+len("node_modules/"):], p.Version, strings.TrimSuffix(path[:i], "/"))
		}
		ix.sortByDir()
		return
	}
	ix.npmV1(lock.Dependencies, "")
}

func (ix lockIndex) npmV1(deps npmDeps, dir string) {
	for name, d := range deps {
		ix.add(name, d.Version, dir)
		if len(d.Dependencies) > 0 {
			ix.npmV1(d.Dependencies, strings.TrimPrefix(dir+"/node_modules/"+name, "/"))
		}
	}
	ix.sortByDir()
}

// sortByDir gives map-ordered formats a stable order: hoisted copies
// first, then by folder.
func (ix lockIndex) sortByDir() {
	for _, es := range ix {
		for i := 1; i < len(es); i++ {
			for j := i; j > 0 && lessEntry(es[j], es[j-1]); j-- {
				es[j], es[j-1] = es[j-1], es[j]
			}
		}
	}
}

func lessEntry(a, b lockEntry) bool {
	if len(a.Dir) != len(b.Dir) {
		return len(a.Dir) < len(b.Dir)
	}
	if a.Dir != b.Dir {
		return a.Dir < b.Dir
	}
	return b.Version.Less(a.Version)
}

// pnpm reads pnpm-lock.yaml (v5 to v9) line by line: pnpm writes a
// regular subset of YAML. Package keys give every resolved copy; the
// importers (one per workspace folder) give which copy each folder's
// specifier resolved to.
func (ix lockIndex) pnpm(data []byte) {
	var section string
	var imp pnpmImporters
	forEachLine(data, func(line string) {
		trimmed := strings.TrimSpace(line)
		if trimmed == "" || strings.HasPrefix(trimmed, "#") {
			return
		}
		indent := len(line) - len(strings.TrimLeft(line, " "))
		key, value, _ := strings.Cut(trimmed, ":")
		key, value = unquoteYAML(key), unquoteYAML(value)
		switch {
		case indent == 0:
			section, imp = key, pnpmImporters{depsAt: 4}
			if isDepSection(key) { // no importers: a single project
				section, imp = "importers", pnpmImporters{depsAt: 0, inDeps: true}
			}
		case section == "packages" || section == "snapshots":
			if indent == 2 && strings.HasSuffix(trimmed, ":") {
				if name, version, ok := pnpmPackageKey(key); ok {
					ix.add(name, version, "")
				}
			}
		case section == "importers":
			imp.line(ix, indent, key, value)
		}
	})
	ix.sortByDir()
}

// pnpmImporters follows importers: <dir>: dependencies: <name>:
// specifier and version (v6+), or <name>: <version> (v5).
type pnpmImporters struct {
	depsAt    int // the indentation of dependency sections
	dir       string
	inDeps    bool
	dep, spec string
}

func (st *pnpmImporters) line(ix lockIndex, indent int, key, value string) {
	switch {
	case indent == 2 && st.depsAt == 4: // a new importer
		*st = pnpmImporters{depsAt: 4, dir: importerDir(key)}
	case indent == st.depsAt:
		st.inDeps, st.dep = isDepSection(key), ""
	case !st.inDeps:
	case indent == st.depsAt+2:
		st.dep, st.spec = key, ""
		if value != "" { // v5
			ix.add(key, pnpmVersion(value), st.dir)
			st.dep = ""
		}
	case indent == st.depsAt+4 && st.dep != "":
		switch key {
		case "specifier":
			st.spec = value
		case "version":
			ix.add(st.dep, pnpmVersion(value), st.dir, st.spec)
		}
	}
}

func importerDir(importer string) string {
	if importer == "." {
		return ""
	}
	return strings.TrimPrefix(importer, "./")
}

func isDepSection(key string) bool {
	return key == "dependencies" || key == "devDependencies" || key == "optionalDependencies"
}

// pnpmPackageKey reads "/agents@0.2.3(zod@3.0.0)" (v6), "agents@0.2.3"
// (v9), "/agents/0.2.3_zod@3.0.0" (v5), scoped names included.
func pnpmPackageKey(key string) (name, version string, ok bool) {
	key = strings.TrimPrefix(key, "/")
	if i := strings.IndexByte(key, '('); i >= 0 {
		key = key[:i]
	}
	if i := strings.IndexByte(key[min(1, len(key)):], '@'); i >= 0 {
		name, version = key[:i+1], key[i+2:]
		if validName(name) {
			return name, pnpmVersion(version), true
		}
	}
	parts := strings.Split(key, "/") // v5: the first part that starts with a digit is the version
	for i := 1; i < len(parts); i++ {
		if parts[i] != "" && parts[i][0] >= '0' && parts[i][0] <= '9' {
			return strings.Join(parts[:i], "/"), pnpmVersion(strings.Join(parts[i:], "/")), true
		}
	}
	return "", "", false
}

// validName: "name" or "@scope/name".
func validName(name string) bool {
	if strings.HasPrefix(name, "@") {
		return strings.Count(name, "/") == 1
	}
	return name != "" && !strings.Contains(name, "/")
}

// pnpmVersion drops the peer suffix: "0.2.3(zod@3)" or "0.2.3_zod@3".
func pnpmVersion(v string) string {
	if i := strings.IndexAny(v, "(_"); i >= 0 {
		v = v[:i]
	}
	return v
}

func unquoteYAML(s string) string {
	return strings.Trim(strings.TrimSpace(s), `'"`)
}

// yarn reads yarn.lock, classic (`version "0.2.3"`) and berry
// (`version: 0.2.3`): each entry's keys are the ranges it resolves.
func (ix lockIndex) yarn(data []byte) {
	var names, specs []string
	forEachLine(data, func(line string) {
		if line == "" || strings.HasPrefix(line, "#") {
			return
		}
		if !strings.HasPrefix(line, " ") {
			names, specs = yarnKeys(strings.TrimSuffix(line, ":"))
			return
		}
		t := strings.TrimSpace(line)
		if rest, ok := strings.CutPrefix(t, "version"); ok && len(names) > 0 && (rest == "" || rest[0] == ' ' || rest[0] == ':') {
			v := strings.Trim(strings.TrimSpace(strings.TrimPrefix(rest, ":")), `"`)
			seen := map[string]bool{}
			for _, n := range names {
				if !seen[n] {
					seen[n] = true
					ix.add(n, v, "", specs...)
				}
			}
			names = nil
		}
	})
}

// yarnKeys splits `"agents@^0.2.0", agents@^0.2.1` into names and ranges.
func yarnKeys(line string) (names, specs []string) {
	for _, key := range strings.Split(line, ",") {
		key = strings.Trim(strings.TrimSpace(key), `"`)
		i := strings.IndexByte(key[min(1, len(key)):], '@')
		if i < 0 {
			continue
		}
		names = append(names, key[:i+1])
		specs = append(specs, strings.TrimPrefix(key[i+2:], "npm:"))
	}
	return names, specs
}

// bun reads bun.lock (JSONC): "packages" maps "agents" (hoisted) or
// "<workspace or package name>/agents" to ["agents@0.2.3", ...].
func (ix lockIndex) bun(data []byte) {
	std, err := hujson.Standardize(append([]byte(nil), data...))
	if err != nil {
		return
	}
	var lock struct {
		Workspaces map[string]struct {
			Name string `json:"name"`
		} `json:"workspaces"`
		Packages map[string][]json.RawMessage `json:"packages"`
	}
	if json.Unmarshal(std, &lock) != nil {
		return
	}
	wsDir := map[string]string{}
	for dir, w := range lock.Workspaces {
		if w.Name != "" {
			wsDir[w.Name] = dir
		}
	}
	for key, entry := range lock.Packages {
		var id string
		if len(entry) == 0 || json.Unmarshal(entry[0], &id) != nil {
			continue
		}
		name, version, ok := bunID(id)
		if !ok || (key != name && !strings.HasSuffix(key, "/"+name)) {
			continue
		}
		dir := ""
		if parent := strings.TrimSuffix(strings.TrimSuffix(key, name), "/"); parent != "" {
			dir = "node_modules/" + parent // the copy a package uses: not a project folder
			if d, isWs := wsDir[parent]; isWs {
				dir = d
			}
		}
		ix.add(name, version, dir)
	}
	ix.sortByDir()
}

// bunID splits "agents@0.2.3" or "@scope/pkg@1.0.0".
func bunID(id string) (name, version string, ok bool) {
	i := strings.IndexByte(id[min(1, len(id)):], '@')
	if i < 0 {
		return "", "", false
	}
	return id[:i+1], strings.TrimPrefix(id[i+2:], "npm:"), true
}

func forEachLine(data []byte, f func(string)) {
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 64<<10), 16<<20)
	for sc.Scan() {
		f(strings.TrimRight(sc.Text(), "\r"))
	}
}

// pick chooses the copy of name that code in dir (relative to the
// lockfile's folder) uses: among the copies that satisfy the range the
// nearest package.json declares (any copy when none is declared), the one
// whose folder is nearest dir, then one listed under that exact range,
// then the highest. ok is false when no copy satisfies the range: the
// lockfile is stale for that package.
func (ix lockIndex) pick(name, dir string, declared string) (lockEntry, bool) {
	rng, hasRange := ParseRange(declared)
	best, found := lockEntry{}, false
	bestScore := []int(nil)
	for _, e := range ix[name] {
		if hasRange && !rng.Contains(e.Version) {
			continue
		}
		in := inScope(e.Dir, dir)
		score := []int{boolInt(in), boolInt(in) * len(e.Dir), boolInt(hasSpec(e.Specs, declared))}
		if better(score, bestScore) || (found && hasRange && equalScore(score, bestScore) && best.Version.Less(e.Version)) {
			best, bestScore, found = e, score, true
		}
	}
	return best, found
}

// inScope: node resolves a copy installed for folder d from dir when dir
// is d or lies below it.
func inScope(d, dir string) bool {
	return d == "" || dir == d || strings.HasPrefix(dir, d+"/")
}

func hasSpec(specs []string, declared string) bool {
	for _, s := range specs {
		if s == declared && s != "" {
			return true
		}
	}
	return false
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

func better(a, b []int) bool {
	if b == nil {
		return true
	}
	for i := range a {
		if a[i] != b[i] {
			return a[i] > b[i]
		}
	}
	return false
}

func equalScore(a, b []int) bool {
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
