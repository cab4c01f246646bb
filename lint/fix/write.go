package fix

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/wranglint/wranglint/lint/source"
)

// WriteError is a file --fix could not write, or refused to.
type WriteError struct {
	Path string // absolute
	Rel  string // as shown
	Msg  string
}

func (e *WriteError) Error() string { return e.Rel + ": " + e.Msg }

// plan is one file to write: the temporary file holding its new bytes and
// where it goes.
type plan struct {
	path, rel string // as the linter knows it
	target    string // the real file written (symbolic links resolved)
	from      string // a rename's original (resolved), removed once target exists
	tmp       string
	original  []byte
}

// Write writes every fixed file atomically: each goes to a temporary
// file in its own folder (fsynced, with the original's mode bits and, where
// the process may set them, owner and group) and is renamed over the
// original only when all temporary files were written. Only regular files
// inside the linted folders are written, through symbolic links, never
// replacing them. A file that changed on disk since it was read, checked
// again immediately before its rename, is left as the user has it.
func Write(r *Result) error {
	roots := writableRoots(r.Project.Options)
	var plans []*plan
	cleanup := func() {
		for _, p := range plans {
			os.Remove(p.tmp)
		}
	}
	byTarget := map[string]*plan{}
	for _, path := range r.Changed() {
		p, err := r.prepare(path, roots)
		if err != nil {
			cleanup()
			return err
		}
		plans = append(plans, p)
		if prev := byTarget[p.target]; prev != nil {
			// One file reached by two paths (a link and its target).
			if plans = plans[:len(plans)-1]; !bytes.Equal(r.Fixed[path], r.Fixed[prev.path]) || p.from != "" || prev.from != "" {
				os.Remove(p.tmp)
				cleanup()
				return &WriteError{Path: path, Rel: p.rel, Msg: "is also reached as " + prev.rel + " and the fixes of the two differ; nothing was written"}
			}
			os.Remove(p.tmp)
			continue
		}
		byTarget[p.target] = p
	}
	for i, p := range plans {
		if err := p.commit(); err != nil {
			for _, rest := range plans[i:] {
				os.Remove(rest.tmp)
			}
			if i > 0 {
				err.Msg += fmt.Sprintf(" (%d file(s) before it were written)", i)
			}
			return err
		}
	}
	return nil
}

// prepare checks where path may be written and stages its new bytes.
func (r *Result) prepare(path string, roots []string) (*plan, error) {
	p := &plan{path: path, rel: r.Project.Files.Rel(path), original: r.Original[path]}
	fail := func(msg string) (*plan, error) { return nil, &WriteError{Path: path, Rel: p.rel, Msg: msg} }
	from := r.renamedFrom(path)
	if from != "" {
		p.original = r.Original[from]
		real, why := checkWritable(from, roots, true)
		if why != "" {
			return fail(why)
		}
		p.from, p.target = real, filepath.Join(filepath.Dir(real), filepath.Base(path))
		if _, err := os.Lstat(p.target); err == nil {
			return fail("exists; nothing was written")
		}
	} else {
		real, why := checkWritable(path, roots, false)
		if why != "" {
			return fail(why)
		}
		p.target = real
	}
	src := p.target
	if p.from != "" {
		src = p.from
	}
	info, err := os.Stat(src)
	if err != nil {
		return fail(err.Error() + "; nothing was written")
	}
	// Permissions are honoured as written, even for root, who could
	// otherwise write through them.
	if info.Mode().Perm()&0o200 == 0 {
		return fail("is read-only; nothing was written")
	}
	if dir, err := os.Stat(filepath.Dir(p.target)); err == nil && dir.Mode().Perm()&0o200 == 0 {
		return fail("its folder is read-only; nothing was written")
	}
	if current, err := readAll(src); err != nil || !bytes.Equal(current, p.original) {
		return fail("changed on disk while wranglint was fixing it; nothing was written")
	}
	tmp, err := writeTemp(p.target, r.Fixed[path], info)
	if err != nil {
		return fail(err.Error() + "; nothing was written")
	}
	p.tmp = tmp
	return p, nil
}

// checkWritable resolves path and says why it may not be written ("" if
// it may): it must be a regular file inside one of the roots. A rename's
// source must not be a link (the link itself would be replaced).
func checkWritable(path string, roots []string, renamed bool) (string, string) {
	if renamed {
		if info, err := os.Lstat(path); err == nil && info.Mode()&fs.ModeSymlink != 0 {
			return "", "is a symbolic link: renaming it would replace the link; rename its target by hand"
		}
	}
	real, err := filepath.EvalSymlinks(path)
	if err != nil {
		return "", unwrap(err).Error() + "; nothing was written"
	}
	info, err := os.Lstat(real)
	if err != nil || !info.Mode().IsRegular() {
		return "", "is not a regular file; nothing was written"
	}
	if !insideAny(roots, real) {
		shown := ""
		if real != path {
			shown = " (it resolves to " + real + ")"
		}
		return "", "is outside the folders being linted" + shown + "; wranglint writes only below the paths it is given"
	}
	return real, ""
}

func unwrap(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// commit moves the staged file into place, checking first that the file
// on disk is still what was read, and afterwards that no write reached the
// replaced file in between; if one did, the user's file is put back.
func (p *plan) commit() *WriteError {
	fail := func(msg string) *WriteError { return &WriteError{Path: p.path, Rel: p.rel, Msg: msg} }
	if p.from != "" {
		return p.commitRename()
	}
	backup, err := p.keep(p.target)
	if err != nil {
		return p.commitWithoutLink()
	}
	defer os.Remove(backup)
	if !sameContent(backup, p.original) {
		os.Remove(p.tmp)
		return fail("changed on disk while wranglint was fixing it; it was left as it is")
	}
	testHookBeforeRename(p.target)
	if err := os.Rename(p.tmp, p.target); err != nil {
		os.Remove(p.tmp)
		return fail(err.Error())
	}
	testHookAfterRename(p.target)
	if !sameContent(backup, p.original) {
		os.Rename(backup, p.target)
		return fail("changed on disk while wranglint was writing it; the changed file was put back and this fix was not written")
	}
	syncDir(filepath.Dir(p.target))
	return nil
}

// commitWithoutLink is commit where the file system has no hard links:
// the replaced file is read through an open handle instead, and put back
// by content if it changed.
func (p *plan) commitWithoutLink() *WriteError {
	fail := func(msg string) *WriteError { return &WriteError{Path: p.path, Rel: p.rel, Msg: msg} }
	old, err := os.Open(p.target)
	if err != nil {
		os.Remove(p.tmp)
		return fail(err.Error())
	}
	defer old.Close()
	if !sameReader(old, p.original) {
		os.Remove(p.tmp)
		return fail("changed on disk while wranglint was fixing it; it was left as it is")
	}
	info, _ := old.Stat()
	testHookBeforeRename(p.target)
	if err := os.Rename(p.tmp, p.target); err != nil {
		os.Remove(p.tmp)
		return fail(err.Error())
	}
	testHookAfterRename(p.target)
	if !sameReader(old, p.original) {
		if old.Seek(0, io.SeekStart); info != nil {
			if data, err := io.ReadAll(old); err == nil {
				if tmp, err := writeTemp(p.target, data, info); err == nil {
					os.Rename(tmp, p.target)
				}
			}
		}
		return fail("changed on disk while wranglint was writing it; the changed content was put back and this fix was not written")
	}
	syncDir(filepath.Dir(p.target))
	return nil
}

func sameReader(f *os.File, want []byte) bool {
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return false
	}
	got, err := io.ReadAll(io.LimitReader(f, int64(len(want))+1))
	return err == nil && bytes.Equal(got, want)
}

// keep gives the file at path a second name beside it (a hard link: the
// same file, so writes to it stay visible and it can be put back as it
// is).
func (p *plan) keep(path string) (string, error) {
	backup := p.tmp + ".orig"
	if err := os.Link(path, backup); err != nil {
		return "", fmt.Errorf("cannot check it before replacing it (%v); nothing was written to it", unwrap(err))
	}
	return backup, nil
}

// commitRename creates the new name (never over an existing file), then
// moves the old name aside and checks it was not changed meanwhile; if it
// was, the old file is put back and the new one removed.
func (p *plan) commitRename() *WriteError {
	fail := func(msg string) *WriteError { return &WriteError{Path: p.path, Rel: p.rel, Msg: msg} }
	if !sameContent(p.from, p.original) {
		os.Remove(p.tmp)
		return fail("its original changed on disk while wranglint was fixing it; nothing was written")
	}
	err := os.Link(p.tmp, p.target)
	os.Remove(p.tmp)
	if err != nil {
		return fail(unwrap(err).Error() + "; nothing was written")
	}
	aside := p.tmp + ".orig"
	testHookBeforeRename(p.from)
	if err := os.Rename(p.from, aside); err != nil {
		os.Remove(p.target)
		return fail(err.Error())
	}
	testHookAfterRename(aside)
	if !sameContent(aside, p.original) {
		os.Rename(aside, p.from)
		os.Remove(p.target)
		return fail("its original changed on disk while wranglint was renaming it; it was put back and the rename was not done")
	}
	os.Remove(aside)
	syncDir(filepath.Dir(p.target))
	return nil
}

func sameContent(path string, want []byte) bool {
	got, err := readAll(path)
	return err == nil && bytes.Equal(got, want)
}

// readAll reads a regular file (never a FIFO or device).
func readAll(path string) ([]byte, error) { return source.ReadRegular(path, source.MaxFileSize) }

// Test hooks: a test changes a file at these points to check no edit is
// lost. They do nothing otherwise.
var (
	testHookBeforeRename = func(string) {}
	testHookAfterRename  = func(string) {}
)

// writeTemp writes data to a fsynced temporary file beside path, with the
// original's mode bits, and its owner and group where the process may set
// them. The file is created private (0600) and never gets more access
// than the original had.
func writeTemp(path string, data []byte, orig fs.FileInfo) (string, error) {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".wranglint-*")
	if err != nil {
		return "", fmt.Errorf("cannot write beside it: %w", unwrap(err))
	}
	tmp := f.Name()
	fail := func(err error) (string, error) {
		f.Close()
		os.Remove(tmp)
		return "", err
	}
	if _, err := f.Write(data); err != nil {
		return fail(err)
	}
	if err := copyMeta(f, orig); err != nil {
		return fail(err)
	}
	if err := f.Sync(); err != nil {
		return fail(err)
	}
	if err := f.Close(); err != nil {
		os.Remove(tmp)
		return "", err
	}
	return tmp, nil
}

// copyMeta gives f the original's owner and group (when allowed), then
// its mode bits (chown clears setuid and setgid, so it comes first). A
// setuid or setgid bit is kept only with the owner or group it was for.
func copyMeta(f *os.File, orig fs.FileInfo) error {
	mode := orig.Mode() & (fs.ModePerm | fs.ModeSetuid | fs.ModeSetgid | fs.ModeSticky)
	if uid, gid, ok := ownerOf(orig); ok {
		f.Chown(uid, gid) // not permitted for most users: the bits below still apply
		if now, err := f.Stat(); err == nil {
			if nu, ng, ok := ownerOf(now); ok {
				if nu != uid {
					mode &^= fs.ModeSetuid
				}
				if ng != gid {
					mode &^= fs.ModeSetgid
				}
			}
		}
	}
	return f.Chmod(mode)
}

func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}
