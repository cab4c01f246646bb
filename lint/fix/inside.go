package fix

import (
	"os"
	"path/filepath"

	"github.com/wranglint/wranglint/lint"
	"github.com/wranglint/wranglint/lint/project"
	"github.com/wranglint/wranglint/lint/source"
)

// writableRoots are the folders --fix may write in: those given on the
// command line, a config's own folder when a config is given, and for any
// other file the repository (or else the project) it stands for, as
// pre-commit passes file names; symbolic links resolved.
func writableRoots(opts project.LoadOptions) []string {
	files := source.NewFileSet(opts.WorkDir, nil, nil)
	var roots []string
	for _, p := range opts.Paths {
		if !filepath.IsAbs(p) {
			p = filepath.Join(opts.WorkDir, p)
		}
		if info, err := os.Stat(p); err == nil && !info.IsDir() {
			p = fileArgRoot(files, p)
		}
		if real, err := filepath.EvalSymlinks(p); err == nil {
			roots = append(roots, real)
		}
	}
	return roots
}

func fileArgRoot(files *source.FileSet, file string) string {
	dir := filepath.Dir(file)
	if source.IsConfigArg(filepath.Base(file)) {
		return dir
	}
	if root := files.RepoRoot(dir); root != "" {
		return root
	}
	if proj := files.NearestProject(file, ""); proj != "" {
		return proj
	}
	return dir
}

func insideAny(roots []string, real string) bool {
	for _, r := range roots {
		if source.Within(r, real) {
			return true
		}
	}
	return false
}

// keepWritable returns the findings with the fixes that would write
// outside the roots dropped, recording each such fix once as refused.
func (r *Result) keepWritable(p *project.Project, ds []lint.Diagnostic, roots []string, seen map[string]bool) []lint.Diagnostic {
	out := make([]lint.Diagnostic, 0, len(ds))
	for _, d := range ds {
		if d.Fix != nil && !d.Fix.Empty() {
			if path, why := unwritable(d.Fix, roots, r.Renamed); why != "" {
				if key := d.Fix.Description + "\x00" + path; !seen[key] {
					seen[key] = true
					r.Refused = append(r.Refused, Refusal{Fix: d.Fix, Path: p.Files.Rel(path), Why: why})
				}
				d.Fix = nil
			}
		}
		out = append(out, d)
	}
	return out
}

// unwritable returns the first file a fix would write that may not be
// written, and why.
func unwritable(f *lint.Fix, roots []string, renamed map[string]string) (string, string) {
	for _, e := range f.Edits {
		if isRenameTarget(e.File.Path, renamed) {
			continue // created by an earlier rename: checked as its source was
		}
		if _, why := checkWritable(e.File.Path, roots, false); why != "" {
			return e.File.Path, why
		}
	}
	for _, rn := range f.Renames {
		if _, why := checkWritable(rn.File.Path, roots, true); why != "" {
			return rn.File.Path, why
		}
		if dir, err := filepath.EvalSymlinks(filepath.Dir(rn.To)); err != nil || !insideAny(roots, dir) {
			return rn.To, "is outside the folders being linted; wranglint writes only below the paths it is given"
		}
	}
	return "", ""
}

func isRenameTarget(path string, renamed map[string]string) bool {
	for _, to := range renamed {
		if to == path {
			return true
		}
	}
	return false
}
