package project

import (
	"path/filepath"

	"github.com/wranglint/wranglint/lint/source"
)

// pathScope is what the paths given on the command line stand for.
type pathScope struct {
	dirs      []string // folders and files findings are reported in
	fileArgs  bool     // some path is a file that is not a config
	onlyFiles bool     // every path is such a file
}

// noteScope works out, while loading, what each path stands for: a folder
// for itself, a config for its folder, any other file (pre-commit's staged
// files) for itself and the Worker project it belongs to.
func (p *Project) noteScope() {
	sc := pathScope{onlyFiles: len(p.Options.Paths) > 0}
	for _, path := range p.Options.Paths {
		abs, err := filepath.Abs(path)
		switch {
		case err != nil:
			sc.onlyFiles = false
		case p.Files.IsDir(abs):
			if enclosing := p.enclosing[abs]; enclosing != "" {
				abs = enclosing // a subfolder of a Worker: that Worker is linted
			}
			sc.dirs = append(sc.dirs, abs)
			sc.onlyFiles = false
		case source.IsConfigArg(filepath.Base(abs)):
			sc.dirs = append(sc.dirs, filepath.Dir(abs))
			sc.onlyFiles = false
		default:
			if !p.Files.Exists(abs) {
				sc.onlyFiles = false
			}
			sc.fileArgs = true
			sc.dirs = append(sc.dirs, abs)
			if dir := p.Files.NearestProject(abs, p.Files.RepoRoot(filepath.Dir(abs))); dir != "" {
				sc.dirs = append(sc.dirs, dir)
			}
		}
	}
	p.scope = sc
}

// Scope returns the folders and files findings are reported in, and
// whether some path given is a file that is not a config.
func (p *Project) Scope() ([]string, bool) { return p.scope.dirs, p.scope.fileArgs }

// OnlyFileArgs: every path given is a file that is not a config, so
// finding no Worker is not a mistake.
func (p *Project) OnlyFileArgs() bool { return p.scope.onlyFiles }
