package resolve

import (
	"errors"
	"io/fs"
	"path/filepath"
)

// dirInfo is what resolution knows about one folder, from its listing and
// its package.json and tsconfig.json, with what it inherits from the
// folders above it. Built once per folder, for a folder whose parents
// exist (as esbuild's directory cache).
type dirInfo struct {
	path   string
	parent *dirInfo
	list   *listing
	pkg    *packageJSON // this folder's package.json (nil: none, or unreadable)
	ts     *tsconfig    // the tsconfig in force here (this folder's or inherited)

	insideNodeModules bool

	// chain holds the problems of this folder's and its parents'
	// package.json and tsconfig files; ownSpecial is this folder's resolver
	// file that is not a regular file, special the nearest one at or above.
	chain      []Problem
	ownSpecial *Problem
	special    *Problem
}

// tsconfigFor is the tsconfig that applies to imports from this folder:
// none inside node_modules (packages' published configs are ignored).
func (d *dirInfo) tsconfigFor() *tsconfig {
	if d.insideNodeModules {
		return nil
	}
	return d.ts
}

// resolverFiles are the files in a folder that the bundler's resolver
// reads; one that is a FIFO, socket or device would block it or never end.
var resolverFiles = []string{"package.json", "tsconfig.json", "jsconfig.json", ".pnp.cjs", ".pnp.js", ".pnp.data.json"}

// dirInfo returns the folder's info, building it (and its parents') on
// first use; nil when the folder or a parent does not exist.
func (q *query) dirInfo(path string) *dirInfo {
	di := q.r.dirInfo(path)
	if di != nil {
		q.touched = append(q.touched, di)
	}
	return di
}

func (r *Resolver) dirInfo(path string) *dirInfo {
	r.mu.Lock()
	di, ok := r.dirs[path]
	r.mu.Unlock()
	if ok {
		return di
	}
	di = r.buildDirInfo(path)
	r.mu.Lock()
	if prev, ok := r.dirs[path]; ok {
		di = prev
	} else {
		r.dirs[path] = di
	}
	r.mu.Unlock()
	return di
}

func (r *Resolver) buildDirInfo(path string) *dirInfo {
	var parent *dirInfo
	if up := filepath.Dir(path); up != path {
		if parent = r.dirInfo(up); parent == nil {
			return nil
		}
	}
	l := r.listing(path)
	if l.l == nil {
		return nil
	}
	di := &dirInfo{path: path, parent: parent, list: l.l}
	if filepath.Base(path) == "node_modules" {
		di.insideNodeModules = true
	}
	if parent != nil {
		di.ts, di.chain, di.special = parent.ts, parent.chain, parent.special
		di.insideNodeModules = di.insideNodeModules || parent.insideNodeModules
	}
	for _, name := range resolverFiles {
		if e := l.l.get(name); e != nil && e.kind == entryFile && !e.regular {
			p := filepath.Join(path, name)
			di.ownSpecial = &Problem{Path: p, Start: -1, AtImport: true,
				Text: r.files.fs.Rel(p) + ": not a regular file (a FIFO, socket or device): wranglint does not read it, so the module graph is not built"}
			di.special = di.ownSpecial
			break
		}
	}
	var own []Problem
	if e := l.l.get("package.json"); e != nil && e.regular {
		di.pkg = r.readPackageJSONFile(filepath.Join(path, "package.json"), &own)
	}
	if !di.insideNodeModules {
		name := ""
		if e := l.l.get("tsconfig.json"); e != nil && e.kind == entryFile {
			name = "tsconfig.json"
		} else if e := l.l.get("jsconfig.json"); e != nil && e.kind == entryFile {
			name = "jsconfig.json"
		}
		if e := l.l.exact[name]; name != "" && e.regular { // name was looked up just above
			cfg, err := r.loadTSConfig(filepath.Join(path, name), path, map[string]bool{}, &own)
			if err == nil {
				finalizePaths(cfg)
				di.ts = cfg
			} else if errors.Is(err, fs.ErrNotExist) {
				own = append(own, Problem{Path: filepath.Join(path, name), Start: -1, Text: "cannot find tsconfig file " + quote(r.files.fs.Rel(filepath.Join(path, name)))})
			}
		}
	}
	if len(own) > 0 {
		di.chain = append(append([]Problem(nil), di.chain...), own...)
	}
	return di
}

// listing returns a folder's listing, read once.
func (r *Resolver) listing(dir string) *listResult {
	r.mu.Lock()
	lr, ok := r.lists[dir]
	r.mu.Unlock()
	if ok {
		return lr
	}
	l, err := r.files.readListing(dir)
	lr = &listResult{l: l, err: err}
	r.mu.Lock()
	if prev, ok := r.lists[dir]; ok {
		lr = prev
	} else {
		r.lists[dir] = lr
	}
	r.mu.Unlock()
	return lr
}

// readPackageJSONFile reads and parses a package.json once; a file that
// does not parse as strict JSON is a problem (the bundle fails), though
// what could be read of it is still used, as esbuild does.
func (r *Resolver) readPackageJSONFile(path string, problems *[]Problem) *packageJSON {
	r.mu.Lock()
	pr, ok := r.pkgs[path]
	r.mu.Unlock()
	if !ok {
		pr = &pkgResult{}
		f, err := r.files.read(path)
		switch {
		case errors.Is(err, fs.ErrNotExist):
		case err != nil:
			pr.problems = append(pr.problems, Problem{Path: path, Start: -1, Text: "cannot read file " + quote(r.files.fs.Rel(path)) + ": " + err.Error()})
		default:
			v, strictErr, syntaxErr := parseJSONFile(f.Data)
			if e := firstOf(syntaxErr, strictErr); e != nil {
				pr.problems = append(pr.problems, Problem{Path: path, Start: e.Offset, End: e.Offset + e.Length, Text: e.Msg})
			}
			if v != nil && v.kind == jsonObject {
				pr.pj = newPackageJSON(v)
			}
		}
		r.mu.Lock()
		if prev, ok := r.pkgs[path]; ok {
			pr = prev
		} else {
			r.pkgs[path] = pr
		}
		r.mu.Unlock()
	}
	*problems = append(*problems, pr.problems...)
	return pr.pj
}

func firstOf(a, b *jsonError) *jsonError {
	switch {
	case a == nil:
		return b
	case b == nil || a.Offset <= b.Offset:
		return a
	}
	return b
}

func (r *Resolver) isDir(path string) bool {
	r.files.note(ProbeStat, path)
	return r.files.fs.IsDir(path)
}

func (r *Resolver) isFile(path string) bool {
	r.files.note(ProbeStat, path)
	return r.files.fs.IsFile(path)
}
