// Package resolve is wranglint's one module resolver: it finds the file an
// import names as wrangler's bundle step (esbuild, as wranglint configured
// it: platform neutral, conditions workerd/worker/browser, main fields
// browser/module/main, packages external, `cloudflare:*` and `node:*`
// external) does, without running a bundler, so that module graphs can be
// built from each file's import records every run.
//
// What it reproduces of esbuild v0.28's resolver:
//   - relative and absolute paths; the extension order .tsx, .ts, .jsx, .js,
//     .css, .json (.jsx, .js, .tsx, .ts, .css, .json inside node_modules),
//     then TypeScript's .js -> .ts/.tsx, .jsx -> .ts/.tsx, .mjs -> .mts and
//     .cjs -> .cts rewriting; folders through package.json "browser",
//     "module" and "main" (strings), then index files;
//   - the nearest tsconfig.json (or jsconfig.json) outside node_modules,
//     with its "extends" chain (paths, arrays as in TypeScript 5,
//     packages through "tsconfig", "exports" or a file), "paths" (an exact
//     key, else the longest prefix, each target in turn, .d.ts skipped;
//     relative to baseUrl when set, else to the declaring file) and
//     "baseUrl";
//   - package.json "imports" ("#x"), with the exports algorithm of Node.js;
//   - bare specifiers (packages, Node.js builtins), `node:*`, `cloudflare:*`,
//     http(s):// and // URLs are External; data: URLs are inlined;
//   - a "?query" or "#hash" suffix is dropped when the path does not
//     resolve with it;
//   - real paths: symbolic links are followed as esbuild reports them;
//   - letter case: esbuild matches names in a listed folder ignoring case,
//     then reads the path as written, which fails on a case-sensitive disk
//     (Linux, where deploys build): such a match is WrongCase;
//   - the file-type guard: a package.json, tsconfig.json, jsconfig.json or
//     Yarn PnP file that is a FIFO, socket or device is never read, and is
//     a Problem of every import resolved below it (what wranglint's guard
//     plugin reported); package.json and tsconfig.json files that do not
//     parse are Problems too (the bundle fails on them).
//
// Not reproduced: Yarn Plug'n'Play (packages are external anyway); the
// "browser" field's object form (esbuild applies it only on the browser
// platform); `module.css` files (read as text, not as CSS modules).
//
// A second entry point, ResolvePackage, follows bare specifiers into the
// workspace's packages (node_modules links, "exports" with source-like
// conditions first, source/module/main fields, src/index), for following
// constants, wrappers and classes across packages, which the bundle leaves
// external.
//
// A Resolver reads only through its *source.FileSet (the fixer's overlay
// is honoured), caches per folder what it read, is safe for concurrent
// use, and records every question it asked the file system (Probes),
// found or not, for an up-to-date check.
package resolve

import (
	"path/filepath"
	"strconv"
	"strings"
	"sync"

	"github.com/wranglint/wranglint/lint/source"
)

// Kind says how a module names another: "exports" and "imports" maps of
// package.json choose their conditions by it.
type Kind uint8

const (
	// KindImport: import statements, export … from, import().
	KindImport Kind = iota
	// KindRequire: require().
	KindRequire
)

// Status is what became of a specifier.
type Status uint8

const (
	// NotFound: nothing matches; the bundle fails with
	// `Could not resolve "spec"`.
	NotFound Status = iota
	// Found: a file of the graph, at Path.
	Found
	// External: left to the runtime or the package manager, under the name
	// in External.
	External
	// Data: a data: URL, inlined by the bundler (no file, no external).
	Data
	// WrongCase: only a name that differs in letter case exists (Actual);
	// the bundle fails on a case-sensitive disk.
	WrongCase
)

func (s Status) String() string {
	return [...]string{"not found", "found", "external", "data", "wrong case"}[s]
}

// Result is the resolution of one specifier.
type Result struct {
	Status Status
	// Path (Found) is the module's absolute real path.
	Path string
	// Suffix (Found) is a "?query" or "#hash" that esbuild dropped to find
	// the file; it stays part of the module's name in the bundle.
	Suffix string
	// External (External) is the name the bundle keeps: the specifier, or
	// what package.json "imports" mapped it to.
	External string
	// Actual (WrongCase) is the name on disk, which differs from the one
	// asked for only in letter case; Path is the path as asked for.
	Actual string
	// Problems are files met while resolving that fail the bundle.
	Problems []Problem
}

// Problem is a file that makes the bundle fail whatever the import: a
// resolver file that is a FIFO, socket or device (never read), a
// package.json or tsconfig.json that does not parse.
type Problem struct {
	Path       string // the offending file (absolute)
	Start, End int    // byte range in Path; Start < 0 when there is none
	Text       string
	// AtImport: the bundle reports it at the import being resolved (the
	// file itself is not read).
	AtImport bool
}

// Resolver resolves specifiers. Create one per run with New.
type Resolver struct {
	files   *files
	mu      sync.Mutex
	dirs    map[string]*dirInfo // nil: the folder does not exist
	lists   map[string]*listResult
	pkgs    map[string]*pkgResult
	results map[resultKey]Result
	// workspaces: each workspace root's packages by name (workspace.go)
	workspaces map[string]map[string]string
}

type resultKey struct {
	dir, spec string
	kind      Kind
}

type listResult struct {
	l   *listing
	err error
}

type pkgResult struct {
	pj       *packageJSON
	problems []Problem
}

// New returns a Resolver that reads through fs.
func New(fs *source.FileSet) *Resolver {
	return &Resolver{files: &files{fs: fs, probes: map[Probe]bool{}}, dirs: map[string]*dirInfo{},
		lists: map[string]*listResult{}, pkgs: map[string]*pkgResult{}, results: map[resultKey]Result{},
		workspaces: map[string]map[string]string{}}
}

// Probes returns every question the resolver asked the file system so
// far, found or not, sorted by path.
func (r *Resolver) Probes() []Probe { return r.files.sorted() }

// Files is the file set the resolver reads through.
func (r *Resolver) Files() *source.FileSet { return r.files.fs }

// IsFile reports whether path is a regular file, as a recorded probe.
func (r *Resolver) IsFile(path string) bool { return r.isFile(path) }

// ReadFile reads a file through the file set, as a recorded probe (for
// the graph's JSON modules and the places of problems).
func (r *Resolver) ReadFile(path string) (*source.File, error) { return r.files.read(path) }

// Resolve resolves spec as imported by the file at importer (an absolute
// real path), as wranglint's bundler does.
func (r *Resolver) Resolve(importer, spec string, kind Kind) Result {
	key := resultKey{filepath.Dir(importer), spec, kind}
	r.mu.Lock()
	res, ok := r.results[key]
	r.mu.Unlock()
	if ok {
		return res
	}
	q := &query{r: r, kind: kind}
	res = q.resolve(key.dir, spec)
	res.Problems = q.problems(key.dir)
	r.mu.Lock()
	r.results[key] = res
	r.mu.Unlock()
	return res
}

// Entry resolves a Worker's main (an absolute path) as the bundle's entry
// point, from the config's folder: Found with the real path, or what
// stops the bundle.
func (r *Resolver) Entry(main, projectDir string) Result {
	q := &query{r: r, kind: KindImport}
	out := Result{Status: NotFound}
	if di := q.dirInfo(projectDir); di != nil {
		if f, ok := q.resolveWithoutSymlinks(projectDir, di, main); ok {
			out = q.finish(f, "")
		}
	}
	out.Problems = q.problems(projectDir)
	return out
}

// IsSpecial reports whether path is there but is neither a regular file
// nor a folder (a FIFO, socket or device): never to be read.
func (r *Resolver) IsSpecial(path string) bool {
	dir, name := filepath.Split(path)
	l := r.listing(filepath.Clean(dir))
	if l.l == nil {
		return false
	}
	e := l.l.get(name)
	return e != nil && e.kind == entryFile && !e.regular
}

// query is one resolution: it collects the folders it met, whose problems
// are the resolution's.
type query struct {
	r       *Resolver
	kind    Kind
	touched []*dirInfo
	extra   []Problem // folders that could not be listed
}

// found is a file the resolver matched, named as esbuild names it.
type found struct {
	path     string
	exact    bool   // false: only a name differing in letter case matched
	actual   string // the entry's real name
	external string // non-empty: the import is external under this name
}

func (q *query) resolve(sourceDir, spec string) Result {
	switch {
	case strings.HasPrefix(spec, "node:") || strings.HasPrefix(spec, "cloudflare:"):
		return Result{Status: External, External: spec}
	case strings.HasPrefix(spec, "http://") || strings.HasPrefix(spec, "https://") || strings.HasPrefix(spec, "//"):
		return Result{Status: External, External: spec}
	case strings.HasPrefix(spec, "data:") && strings.Contains(spec, ","):
		mime := spec[len("data:"):strings.IndexByte(spec, ',')]
		mime = strings.TrimSuffix(mime, ";base64")
		if i := strings.IndexByte(mime, ';'); i >= 0 {
			mime = mime[:i]
		}
		if mime == "text/css" || mime == "text/javascript" || mime == "application/json" {
			return Result{Status: Data}
		}
		return Result{Status: External, External: spec}
	case sourceDir == "" || strings.Contains(spec, "*"):
		return Result{Status: NotFound}
	}
	sdi := q.dirInfo(sourceDir)
	if sdi == nil {
		return Result{Status: NotFound}
	}
	f, ok := q.resolveWithoutSymlinks(sourceDir, sdi, spec)
	suffix := ""
	if !ok {
		if i := strings.IndexAny(spec, "?#"); i >= 1 {
			suffix = spec[i:]
			f, ok = q.resolveWithoutSymlinks(sourceDir, sdi, spec[:i])
		}
	}
	if !ok {
		return Result{Status: NotFound}
	}
	return q.finish(f, suffix)
}

// finish turns a match into a Result: externals keep their name, a file
// gets its real path.
func (q *query) finish(f found, suffix string) Result {
	switch {
	case f.external != "":
		return Result{Status: External, External: f.external}
	case !f.exact:
		return Result{Status: WrongCase, Path: f.path, Actual: f.actual}
	}
	return Result{Status: Found, Path: q.r.files.realPath(f.path), Suffix: suffix}
}

func (q *query) resolveWithoutSymlinks(sourceDir string, sdi *dirInfo, spec string) (found, bool) {
	if strings.HasPrefix(spec, "/") || filepath.IsAbs(spec) {
		if ts := sdi.tsconfigFor(); ts != nil && ts.paths != nil {
			if f, ok := q.matchPaths(ts, spec); ok {
				return f, true
			}
		}
		return q.loadAsFileOrDirectory(filepath.Clean(spec))
	}
	if !isPackagePath(spec) {
		abs := filepath.Join(sourceDir, filepath.FromSlash(spec))
		if spec == "." || spec == ".." || strings.HasSuffix(spec, "/") || strings.HasSuffix(spec, "/.") || strings.HasSuffix(spec, "/..") {
			return q.loadAsDirectory(abs)
		}
		return q.loadAsFileOrDirectory(abs)
	}
	return q.loadNodeModules(spec, sdi, false)
}

// loadNodeModules resolves a bare specifier: tsconfig paths and baseUrl
// first, then package.json "imports"; anything else is a package, which
// wranglint's bundler leaves external.
func (q *query) loadNodeModules(spec string, di *dirInfo, forbidImports bool) (found, bool) {
	if ts := di.tsconfigFor(); ts != nil {
		if ts.paths != nil {
			if f, ok := q.matchPaths(ts, spec); ok {
				return f, true
			}
		}
		if ts.baseURL != "" {
			if f, ok := q.loadAsFileOrDirectory(filepath.Join(ts.baseURL, filepath.FromSlash(spec))); ok {
				return f, true
			}
		}
	}
	pjDir := di
	for pjDir != nil && pjDir.pkg == nil {
		pjDir = pjDir.parent
	}
	if pjDir != nil && strings.HasPrefix(spec, "#") && !forbidImports && pjDir.pkg.imports != nil {
		return q.loadPackageImports(spec, pjDir)
	}
	if isPackagePath(spec) {
		return found{external: spec}, true
	}
	return found{}, false
}

func (q *query) loadPackageImports(spec string, pjDir *dirInfo) (found, bool) {
	if spec == "#" {
		return found{}, false
	}
	res, st := postConditions(importsResolve(spec, *pjDir.pkg.imports, conditions(q.kind)))
	if st == pjPackageResolve {
		return q.loadNodeModules(res, pjDir, true)
	}
	return q.finalizeImportsExports(pjDir.path, res, st)
}

// finalizeImportsExports checks a path an "imports" or "exports" map
// resolved to: exact paths must name a file (a .js may be a .ts), paths
// of folder keys get extensions and index files.
func (q *query) finalizeImportsExports(absDir, resolved string, st pjStatus) (found, bool) {
	if st != pjExact && st != pjExactEndsWithStar && st != pjInexact || !strings.HasPrefix(resolved, "/") {
		return found{}, false
	}
	abs := filepath.Join(absDir, filepath.FromSlash(resolved))
	if st == pjInexact {
		return q.loadAsFileOrDirectory(abs)
	}
	rdi := q.dirInfo(filepath.Dir(abs))
	if rdi == nil {
		return found{}, false
	}
	base := filepath.Base(abs)
	e, exact := rdi.list.lookup(base)
	if e == nil {
		if stem, exts := rewrittenExts(base); exts != nil {
			for _, ext := range exts {
				if e, exact = rdi.list.lookup(stem + ext); e != nil {
					abs = filepath.Join(rdi.path, stem+ext)
					break
				}
			}
		}
	}
	if e == nil || e.kind != entryFile {
		return found{}, false
	}
	return found{path: abs, exact: exact, actual: e.name}, true
}

// extOrder is the bundler's implicit extension order; inside node_modules
// JavaScript comes before TypeScript (packages ship both).
var (
	extOrder            = []string{".tsx", ".ts", ".jsx", ".js", ".css", ".json"}
	nodeModulesExtOrder = []string{".jsx", ".js", ".tsx", ".ts", ".css", ".json"}
)

func extsFor(path string) []string {
	if insideNodeModules(path) {
		return nodeModulesExtOrder
	}
	return extOrder
}

// rewrittenExts gives TypeScript's replacements for a .js, .jsx, .mjs or
// .cjs name: "./x.js" may be x.ts.
func rewrittenExts(base string) (stem string, exts []string) {
	for _, r := range []struct {
		old  string
		exts []string
	}{{".js", []string{".ts", ".tsx"}}, {".jsx", []string{".ts", ".tsx"}}, {".mjs", []string{".mts"}}, {".cjs", []string{".cts"}}} {
		if strings.HasSuffix(base, r.old) {
			return base[:strings.LastIndexByte(base, '.')], r.exts
		}
	}
	return "", nil
}

func (q *query) loadAsFileOrDirectory(path string) (found, bool) {
	if f, ok := q.loadAsFile(path, extsFor(path)); ok {
		return f, true
	}
	return q.loadAsDirectory(path)
}

// loadAsFile tries path as it is, with each extension, then with
// TypeScript's rewritten extension.
func (q *query) loadAsFile(path string, exts []string) (found, bool) {
	dir, base := filepath.Dir(path), filepath.Base(path)
	l := q.r.listing(dir)
	if l.err != nil {
		q.extra = append(q.extra, Problem{Path: dir, Start: -1, Text: "cannot read folder " + q.r.files.fs.Rel(dir) + ": " + l.err.Error()})
	}
	if l.l == nil {
		return found{}, false
	}
	try := func(name string) (found, bool) {
		if e, exact := l.l.lookup(name); e != nil && e.kind == entryFile {
			return found{path: filepath.Join(dir, name), exact: exact, actual: e.name}, true
		}
		return found{}, false
	}
	if f, ok := try(base); ok {
		return f, true
	}
	for _, ext := range exts {
		if f, ok := try(base + ext); ok {
			return f, true
		}
	}
	if stem, rexts := rewrittenExts(base); rexts != nil {
		for _, ext := range rexts {
			if f, ok := try(stem + ext); ok {
				return f, true
			}
		}
	}
	return found{}, false
}

// loadAsDirectory tries a folder: its package.json main fields, then its
// index files.
func (q *query) loadAsDirectory(path string) (found, bool) {
	exts := extsFor(path)
	di := q.dirInfo(path)
	if di == nil {
		return found{}, false
	}
	if di.pkg != nil {
		for _, key := range mainFields {
			rel, ok := di.pkg.mainFields[key]
			if !ok {
				continue
			}
			abs := filepath.Join(path, filepath.FromSlash(rel))
			if f, ok := q.loadAsFile(abs, exts); ok {
				return f, true
			}
			if fdi := q.dirInfo(abs); fdi != nil {
				if f, ok := q.loadAsIndex(fdi, exts); ok {
					return f, true
				}
			}
		}
	}
	return q.loadAsIndex(di, exts)
}

func (q *query) loadAsIndex(di *dirInfo, exts []string) (found, bool) {
	for _, ext := range exts {
		if e, exact := di.list.lookup("index" + ext); e != nil && e.kind == entryFile {
			return found{path: filepath.Join(di.path, "index"+ext), exact: exact, actual: e.name}, true
		}
	}
	return found{}, false
}

// problems are those of every folder the query met, and of the folders
// above the one the import is resolved from (the guard's check).
func (q *query) problems(resolveDir string) []Problem {
	var out []Problem
	seen := map[string]bool{}
	add := func(ps []Problem) {
		for _, p := range ps {
			k := p.Path + "\x00" + strconv.Itoa(p.Start) + "\x00" + p.Text
			if !seen[k] {
				seen[k] = true
				out = append(out, p)
			}
		}
	}
	if di := q.dirInfo(resolveDir); di != nil && di.special != nil {
		add([]Problem{*di.special})
	}
	for _, di := range q.touched {
		add(di.chain)
		if di.ownSpecial != nil {
			add([]Problem{*di.ownSpecial})
		}
	}
	add(q.extra)
	return out
}

// isPackagePath: a bare specifier (not ./, ../, /, . or ..).
func isPackagePath(p string) bool {
	return !strings.HasPrefix(p, "/") && !strings.HasPrefix(p, "./") && !strings.HasPrefix(p, "../") && p != "." && p != ".."
}

// insideNodeModules: some folder of path is named node_modules.
func insideNodeModules(path string) bool {
	for _, part := range strings.FieldsFunc(path, func(r rune) bool { return r == '/' || r == '\\' }) {
		if part == "node_modules" {
			return true
		}
	}
	return false
}

func quote(s string) string { return strconv.Quote(s) }

// letterCaseExts are the extensions after which a relative import's name
// counts as existing (scripts and the loaders' assets).
var letterCaseExts = []string{".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs",
	".wasm", ".html", ".txt", ".bin", ".sql", ".md", ".svg", ".css", ".png", ".jpg", ".gif", ".woff2", ".json", ".yaml", ".yml", ".csv", ".xml"}

// LetterCaseOnly is the letter-case guard for a relative import naming the
// path base: when nothing exists under exactly that name (as it is, with
// an extension, as a folder with an index file, or as TypeScript's .ts
// for a .js), it returns the entry of base's folder whose name, or name
// without extension, differs from base's only in letter case. Such an
// import resolves on case-insensitive disks only; "" otherwise.
func (r *Resolver) LetterCaseOnly(base string) string {
	if r.existsExactly(base) {
		return ""
	}
	return r.CaseHint(base)
}

// CaseHint returns the first entry (by name) of base's folder whose name,
// or name without its extension, equals base's name ignoring letter case.
func (r *Resolver) CaseHint(base string) string {
	l := r.listing(filepath.Dir(base))
	if l.l == nil {
		return ""
	}
	want := strings.ToLower(filepath.Base(base))
	for _, name := range l.l.all() {
		stem := strings.ToLower(strings.TrimSuffix(name, filepath.Ext(name)))
		if strings.ToLower(name) == want || stem == want {
			return name
		}
	}
	return ""
}

// existsExactly: base, base with an extension, base/index with one, or
// TypeScript's rewriting of base exists under exactly that name.
func (r *Resolver) existsExactly(base string) bool {
	has := func(p string, regular bool) bool {
		l := r.listing(filepath.Dir(p))
		e, exact := l.l.lookup(filepath.Base(p))
		return exact && e.kind != entryBroken && (!regular || e.regular)
	}
	if has(base, false) {
		return true
	}
	for _, ext := range letterCaseExts {
		if has(base+ext, false) || has(filepath.Join(base, "index"+ext), true) {
			return true
		}
	}
	if ext := filepath.Ext(base); ext == ".js" || ext == ".jsx" || ext == ".mjs" || ext == ".cjs" {
		stem := strings.TrimSuffix(base, ext)
		for _, alt := range []string{".ts", ".tsx", ".mts", ".cts"} {
			if has(stem+alt, false) {
				return true
			}
		}
	}
	return false
}

// Rebind returns a resolver that reads through fs and starts from every
// answer r found: an editor's next snapshot, when nothing was created or
// removed and no package.json or tsconfig changed, so every answer holds.
func (r *Resolver) Rebind(fs *source.FileSet) *Resolver {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.files.mu.Lock()
	probes := make(map[Probe]bool, len(r.files.probes))
	for p := range r.files.probes {
		probes[p] = true
	}
	r.files.mu.Unlock()
	out := &Resolver{files: &files{fs: fs, probes: probes}, dirs: make(map[string]*dirInfo, len(r.dirs)),
		lists: make(map[string]*listResult, len(r.lists)), pkgs: make(map[string]*pkgResult, len(r.pkgs)),
		results: make(map[resultKey]Result, len(r.results))}
	for k, v := range r.dirs {
		out.dirs[k] = v
	}
	for k, v := range r.lists {
		out.lists[k] = v
	}
	for k, v := range r.pkgs {
		out.pkgs[k] = v
	}
	for k, v := range r.results {
		out.results[k] = v
	}
	return out
}
