package project

import (
	"path/filepath"
	"regexp"
	"strings"

	"github.com/wranglint/wranglint/lint/source"
)

// Names the project keeps as secrets rather than vars: a var of that name
// missing from an environment is set there with `wrangler secret put
// --env`, not forgotten. Only names are kept, never values.

// maxSecretsFile bounds what is read of a .dev.vars, .env or doc file.
const maxSecretsFile = 1 << 20

var (
	// envKey is the key of a KEY=value line of .dev.vars or .env.
	envKey = regexp.MustCompile(`^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=`)
	// secretPut is `wrangler secret put NAME` in prose, scripts or CI.
	secretPut = regexp.MustCompile(`wrangler\s+secret\s+put\s+["']?([A-Za-z_][A-Za-z0-9_]*)`)
)

// noteSecretNames fills each Worker's SecretNames: the keys of the
// .dev.vars* and .env* files in its folder (wrangler dev reads them in
// place of secrets), and the names `wrangler secret put NAME` sets in the
// Markdown files of its folder and every folder above it up to the
// repository root, in its package.json and in the repository's GitHub
// workflows.
func (p *Project) noteSecretNames() {
	docs := map[string]map[string]string{} // per folder, names its docs set
	for _, w := range p.Workers {
		w.SecretNames = map[string]string{}
		dir := w.Config.Dir
		entries, _ := p.Files.ReadDir(dir)
		for _, e := range entries {
			if e.File && (strings.HasPrefix(e.Name, ".dev.vars") || e.Name == ".env" || strings.HasPrefix(e.Name, ".env.")) {
				p.secretKeys(w, filepath.Join(dir, e.Name))
			}
		}
		p.secretPuts(w, filepath.Join(dir, "package.json"))
		root := p.Files.RepoRoot(dir)
		source.WalkUp(dir, func(d string) bool {
			names, ok := docs[d]
			if !ok {
				names = p.docSecretNames(d, d == root)
				docs[d] = names
			}
			for n, where := range names {
				if _, seen := w.SecretNames[n]; !seen {
					w.SecretNames[n] = where
				}
			}
			return d == root || root == ""
		})
	}
}

// secretKeys adds the keys of a .dev.vars or .env file.
func (p *Project) secretKeys(w *Worker, path string) {
	f, err := p.Files.ReadLimited(path, maxSecretsFile)
	if err != nil {
		return
	}
	for _, line := range strings.Split(string(f.Data), "\n") {
		if m := envKey.FindStringSubmatch(line); m != nil {
			if _, seen := w.SecretNames[m[1]]; !seen {
				w.SecretNames[m[1]] = f.Rel
			}
		}
	}
}

// secretPuts adds the names a file sets with `wrangler secret put`.
func (p *Project) secretPuts(w *Worker, path string) {
	for n, where := range p.putsIn(path) {
		if _, seen := w.SecretNames[n]; !seen {
			w.SecretNames[n] = where
		}
	}
}

func (p *Project) putsIn(path string) map[string]string {
	if !p.Files.IsFile(path) {
		return nil
	}
	f, err := p.Files.ReadLimited(path, maxSecretsFile)
	if err != nil {
		return nil
	}
	// once per file's bytes: the READMEs above every Worker are read again
	// at each keystroke; the map is never changed
	out, ok := p.prevMemo.puts[f]
	if !ok {
		out = map[string]string{}
		for _, m := range secretPut.FindAllStringSubmatch(string(f.Data), -1) {
			out[m[1]] = f.Rel
		}
	}
	p.memo.puts[f] = out
	return out
}

// docSecretNames reads a folder's Markdown files and, at the repository
// root, its GitHub workflows.
func (p *Project) docSecretNames(dir string, repoRoot bool) map[string]string {
	out := map[string]string{}
	add := func(path string) {
		for n, where := range p.putsIn(path) {
			if _, seen := out[n]; !seen {
				out[n] = where
			}
		}
	}
	entries, _ := p.Files.ReadDir(dir)
	for _, e := range entries {
		if e.File && strings.EqualFold(filepath.Ext(e.Name), ".md") {
			add(filepath.Join(dir, e.Name))
		}
	}
	if repoRoot {
		wf := filepath.Join(dir, ".github", "workflows")
		entries, _ := p.Files.ReadDir(wf)
		for _, e := range entries {
			if ext := filepath.Ext(e.Name); e.File && (ext == ".yml" || ext == ".yaml") {
				add(filepath.Join(wf, e.Name))
			}
		}
	}
	return out
}
