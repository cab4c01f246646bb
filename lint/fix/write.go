package fix

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

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
// file staged beside it (fsynced, with the original's mode bits and, where
// the process may set them, owner and group) and is swapped with the
// original only when all temporary files were written. Only regular files
// inside the linted folders are written, through symbolic links, never
// replacing them. A file that changed on disk since it was read, checked
// again immediately before its swap, is left as the user has it, and so is
// one an editor saved in between (see commit).
//
// Temporary and backup files are staged in a .wranglint-tmp folder in the
// file's own folder (a rename is atomic only within one file system)
// whose .gitignore ignores everything, so that `git add -A` never picks
// one up, even after a crash; the folder is removed when the write ends,
// Interrupt removes them on SIGINT and SIGTERM, and the next Write removes
// what a killed run left.
func Write(r *Result) error {
	roots := writableRoots(r.Project.Options)
	written.Store(0)
	var plans []*plan
	var stages []string
	defer func() {
		for _, dir := range stages {
			unstage(dir)
		}
	}()
	cleanup := func() {
		for _, p := range plans {
			removeTemp(p.tmp)
		}
	}
	byTarget := map[string]*plan{}
	for _, path := range r.Changed() {
		p, err := r.prepare(path, roots, &stages)
		if err != nil {
			cleanup()
			return err
		}
		plans = append(plans, p)
		if prev := byTarget[p.target]; prev != nil {
			// One file reached by two paths (a link and its target).
			if plans = plans[:len(plans)-1]; !bytes.Equal(r.Fixed[path], r.Fixed[prev.path]) || p.from != "" || prev.from != "" {
				removeTemp(p.tmp)
				cleanup()
				return &WriteError{Path: path, Rel: p.rel, Msg: "is also reached as " + prev.rel + " and the fixes of the two differ; nothing was written"}
			}
			removeTemp(p.tmp)
			continue
		}
		byTarget[p.target] = p
	}
	for i, p := range plans {
		err := p.commitLocked()
		if err == nil {
			continue
		}
		for _, rest := range plans[i:] {
			removeTemp(rest.tmp)
		}
		if i > 0 {
			err.Msg += fmt.Sprintf(" (%d file(s) before it were written)", i)
		}
		return err
	}
	return nil
}

// Interrupting a write (SIGINT, SIGTERM): the file being replaced is
// finished, no other is, and every temporary and backup file goes.
var (
	replacing   sync.Mutex  // held while one file is replaced, and by Interrupt to the end
	interrupted atomic.Bool // no file is replaced once set
	written     atomic.Int64
	temps       = map[string]bool{} // temporary and backup files and staging folders that exist now
	tempsMu     sync.Mutex
)

// Interrupt stops Write for good: it waits for the file being replaced,
// lets no other be, removes every temporary and backup file (and the
// staging folders they leave empty), and returns how many files were
// written. The caller exits next.
func Interrupt() int {
	interrupted.Store(true)
	replacing.Lock() // never unlocked: nothing is replaced after this
	tempsMu.Lock()
	var files, dirs []string
	for p, isDir := range temps {
		if isDir {
			dirs = append(dirs, p)
		} else {
			files = append(files, p)
		}
	}
	tempsMu.Unlock()
	for _, p := range files {
		removeTemp(p)
	}
	for _, d := range dirs {
		unstage(d)
	}
	return int(written.Load())
}

// resumeAfterInterrupt undoes Interrupt, for tests.
func resumeAfterInterrupt() {
	if interrupted.Load() {
		interrupted.Store(false)
		replacing.Unlock()
	}
}

// commitLocked is commit, one file at a time with Interrupt.
func (p *plan) commitLocked() *WriteError {
	if interrupted.Load() {
		return &WriteError{Path: p.path, Rel: p.rel, Msg: fmt.Sprintf("interrupted; not written (%d file(s) were)", written.Load())}
	}
	replacing.Lock()
	defer replacing.Unlock()
	if interrupted.Load() { // asked for while this waited
		return &WriteError{Path: p.path, Rel: p.rel, Msg: fmt.Sprintf("interrupted; not written (%d file(s) were)", written.Load())}
	}
	err := p.commit()
	if err == nil {
		written.Add(1)
	}
	return err
}

func track(path string, isDir bool) {
	tempsMu.Lock()
	temps[path] = isDir
	tempsMu.Unlock()
}

// removeTemp removes a temporary or backup file ("" is none).
func removeTemp(path string) {
	if path == "" {
		return
	}
	os.Remove(path)
	tempsMu.Lock()
	delete(temps, path)
	tempsMu.Unlock()
}

// stagingName is the folder, beside each file written, that holds its
// temporary and backup files.
const stagingName = ".wranglint-tmp"

// stage returns the staging folder of dir, made if needed with a
// .gitignore of "*" (which ignores itself too), and removes what a run
// that has ended left in it.
func stage(dir string) (string, error) {
	staging := filepath.Join(dir, stagingName)
	if err := os.Mkdir(staging, 0o700); err != nil && !errors.Is(err, fs.ErrExist) {
		return "", fmt.Errorf("cannot stage the new file beside it: %w", unwrap(err))
	}
	if info, err := os.Lstat(staging); err != nil || !info.IsDir() {
		return "", fmt.Errorf("cannot stage the new file beside it: %s is not a folder wranglint made; remove it", staging)
	}
	track(staging, true)
	ignore := filepath.Join(staging, ".gitignore")
	if f, err := os.OpenFile(ignore, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600); err == nil {
		_, werr := f.WriteString("*\n")
		if cerr := f.Close(); werr != nil || cerr != nil {
			os.Remove(ignore)
			return "", fmt.Errorf("cannot stage the new file beside it: %v", unwrap(errors.Join(werr, cerr)))
		}
	} else if !errors.Is(err, fs.ErrExist) {
		return "", fmt.Errorf("cannot stage the new file beside it: %w", unwrap(err))
	}
	removeStale(dir, staging)
	return staging, nil
}

// unstage removes a staging folder once nothing but its .gitignore is
// left in it (another run may still be using it).
func unstage(staging string) {
	tempsMu.Lock()
	delete(temps, staging)
	tempsMu.Unlock()
	if entries, err := os.ReadDir(staging); err != nil || len(entries) != 1 || entries[0].Name() != ".gitignore" {
		return
	}
	os.Remove(filepath.Join(staging, ".gitignore"))
	if os.Remove(staging) != nil {
		os.WriteFile(filepath.Join(staging, ".gitignore"), []byte("*\n"), 0o600) // something arrived meanwhile
	}
}

// removeStale removes the temporary and backup files of runs that have
// ended: in the staging folder, those named after a process that is gone
// ("<pid>.<name>.<random>"); beside the files, those earlier versions
// named ".<name>.wranglint-<random>" once an hour old.
func removeStale(dir, staging string) {
	if entries, err := os.ReadDir(staging); err == nil {
		for _, e := range entries {
			pid, err := strconv.Atoi(strings.SplitN(e.Name(), ".", 2)[0])
			if err == nil && e.Type().IsRegular() && !processAlive(pid) {
				os.Remove(filepath.Join(staging, e.Name()))
			}
		}
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		name := strings.TrimSuffix(e.Name(), ".orig")
		i := strings.LastIndex(name, ".wranglint-")
		if !strings.HasPrefix(name, ".") || i < 0 || !e.Type().IsRegular() {
			continue
		}
		if _, err := strconv.ParseUint(name[i+len(".wranglint-"):], 10, 64); err != nil {
			continue
		}
		if info, err := e.Info(); err == nil && time.Since(info.ModTime()) > time.Hour {
			os.Remove(filepath.Join(dir, e.Name()))
		}
	}
}

// prepare checks where path may be written and stages its new bytes;
// stages collects the staging folders made.
func (r *Result) prepare(path string, roots []string, stages *[]string) (*plan, error) {
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
	staging, err := stage(filepath.Dir(p.target))
	if err != nil {
		return fail(err.Error() + "; nothing was written")
	}
	*stages = append(*stages, staging)
	tmp, err := writeTemp(staging, p.target, r.Fixed[path], info)
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

// commit swaps the staged file with the file at the target, checking
// first that the file is still what was read, and afterwards that what the
// swap took out of the folder is that same file, unchanged (device and
// inode, size and modification time): an editor's save (a new file
// renamed over the target) or a write that landed after the check is
// swapped back in. A write through a handle held open on the replaced
// file during the swap is caught by the backup (a hard link to it) and
// put back too. Where the file system cannot swap, the check is repeated
// right before the rename, which leaves a window of one system call.
func (p *plan) commit() *WriteError {
	fail := func(msg string) *WriteError { return &WriteError{Path: p.path, Rel: p.rel, Msg: msg} }
	if p.from != "" {
		return p.commitRename()
	}
	backup, err := p.keep(p.target)
	if err != nil {
		return p.commitWithoutLink()
	}
	defer removeTemp(backup)
	kept, err := os.Lstat(backup)
	if err != nil || !sameContent(backup, p.original) {
		removeTemp(p.tmp)
		return fail("changed on disk while wranglint was fixing it; it was left as it is")
	}
	if werr := p.replace(kept); werr != nil {
		return werr
	}
	if !sameContent(backup, p.original) {
		os.Rename(backup, p.target)
		return fail("changed on disk while wranglint was writing it; the changed file was put back and this fix was not written")
	}
	syncDir(filepath.Dir(p.target))
	return nil
}

// replace puts the staged file at the target when the file there is still
// kept (the file checked); otherwise it leaves, or puts back, that file.
func (p *plan) replace(kept fs.FileInfo) *WriteError {
	fail := func(msg string) *WriteError { return &WriteError{Path: p.path, Rel: p.rel, Msg: msg} }
	ours, err := os.Lstat(p.tmp)
	if err != nil {
		return fail(err.Error())
	}
	testHookBeforeRename(p.target)
	swapped, err := exchange(p.tmp, p.target)
	if err == errCannotExchange {
		if now, err := os.Lstat(p.target); err != nil || !sameEntry(now, kept) {
			removeTemp(p.tmp)
			return fail("changed on disk while wranglint was fixing it; it was left as it is")
		}
		err = os.Rename(p.tmp, p.target)
	}
	if err != nil {
		removeTemp(p.tmp)
		return fail(err.Error())
	}
	testHookAfterRename(p.target)
	if !swapped {
		return nil
	}
	// p.tmp now names what was at the target at the instant of the swap.
	if out, err := os.Lstat(p.tmp); err == nil && sameEntry(out, kept) {
		removeTemp(p.tmp)
		return nil
	}
	msg := "changed on disk while wranglint was writing it (an editor saved it); the saved file was put back and this fix was not written"
	if _, err := exchange(p.tmp, p.target); err != nil {
		return fail(fmt.Sprintf("changed on disk while wranglint was writing it (an editor saved it), and putting the saved file back failed (%v): it is at %s", unwrap(err), p.tmp))
	}
	if back, err := os.Lstat(p.tmp); err == nil && os.SameFile(back, ours) {
		removeTemp(p.tmp)
	} else {
		msg += fmt.Sprintf("; another save landed meanwhile and is kept at %s", p.tmp)
	}
	return fail(msg)
}

// sameEntry: a and b are the same file, unchanged since b was taken.
func sameEntry(a, b fs.FileInfo) bool {
	return os.SameFile(a, b) && a.Size() == b.Size() && a.ModTime().Equal(b.ModTime())
}

// commitWithoutLink is commit where the file system has no hard links:
// the replaced file is read through an open handle instead, and put back
// by content if it changed.
func (p *plan) commitWithoutLink() *WriteError {
	fail := func(msg string) *WriteError { return &WriteError{Path: p.path, Rel: p.rel, Msg: msg} }
	old, err := os.Open(p.target)
	if err != nil {
		removeTemp(p.tmp)
		return fail(err.Error())
	}
	defer old.Close()
	kept, err := old.Stat()
	if err != nil || !sameReader(old, p.original) {
		removeTemp(p.tmp)
		return fail("changed on disk while wranglint was fixing it; it was left as it is")
	}
	if werr := p.replace(kept); werr != nil {
		return werr
	}
	if !sameReader(old, p.original) {
		if _, err := old.Seek(0, io.SeekStart); err == nil {
			if data, err := io.ReadAll(old); err == nil {
				if staging, err := stage(filepath.Dir(p.target)); err == nil {
					if tmp, err := writeTemp(staging, p.target, data, kept); err == nil {
						if os.Rename(tmp, p.target) != nil {
							removeTemp(tmp)
						}
					}
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
	track(backup, false)
	if err := os.Link(path, backup); err != nil {
		removeTemp(backup)
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
		removeTemp(p.tmp)
		return fail("its original changed on disk while wranglint was fixing it; nothing was written")
	}
	err := os.Link(p.tmp, p.target)
	removeTemp(p.tmp)
	if err != nil {
		return fail(unwrap(err).Error() + "; nothing was written")
	}
	aside := p.tmp + ".orig"
	track(aside, false)
	testHookBeforeRename(p.from)
	if err := os.Rename(p.from, aside); err != nil {
		removeTemp(aside)
		os.Remove(p.target)
		return fail(err.Error())
	}
	testHookAfterRename(aside)
	if !sameContent(aside, p.original) {
		if os.Rename(aside, p.from) == nil {
			removeTemp(aside)
		}
		os.Remove(p.target)
		return fail("its original changed on disk while wranglint was renaming it; it was put back and the rename was not done")
	}
	removeTemp(aside)
	syncDir(filepath.Dir(p.target))
	return nil
}

func sameContent(path string, want []byte) bool {
	got, err := readAll(path)
	return err == nil && bytes.Equal(got, want)
}

// readAll reads a regular file (never a FIFO or device).
func readAll(path string) ([]byte, error) { return source.ReadRegular(path, source.MaxFileSize) }

// errCannotExchange: the file system cannot swap two files in one step.
var errCannotExchange = errors.New("the file system cannot swap files")

// exchange is exchangeFiles; a test takes the path of file systems that
// cannot swap.
var exchange = exchangeFiles

// Test hooks: a test changes a file at these points to check no edit is
// lost. They do nothing otherwise.
var (
	testHookBeforeRename = func(string) {}
	testHookAfterRename  = func(string) {}
)

// writeTemp writes data to a fsynced temporary file in the staging
// folder of path, named after this process ("<pid>.<name>.<random>", so
// that a later run can tell a leftover from a live file), with the
// original's mode bits, and its owner and group where the process may set
// them. The file is created private (0600) and never gets more access
// than the original had.
func writeTemp(staging, path string, data []byte, orig fs.FileInfo) (string, error) {
	f, err := os.CreateTemp(staging, strconv.Itoa(os.Getpid())+"."+filepath.Base(path)+".*")
	if err != nil {
		return "", fmt.Errorf("cannot write beside it: %w", unwrap(err))
	}
	tmp := f.Name()
	track(tmp, false)
	fail := func(err error) (string, error) {
		f.Close()
		removeTemp(tmp)
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
		removeTemp(tmp)
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
