package fix

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
)

// Write writes every fixed file atomically: each goes to a temporary
// file in its own folder (fsynced, with the original's permissions) and is
// renamed over the original only when all temporary files were written.
// A file that changed on disk since it was read, or that cannot be
// written, stops everything before any original is touched.
func Write(r *Result) error {
	type pending struct{ path, tmp string }
	var ready []pending
	cleanup := func() {
		for _, p := range ready {
			os.Remove(p.tmp)
		}
	}
	for _, path := range r.Changed() {
		original, mustExist := r.Original[path], true
		if from := r.renamedFrom(path); from != "" {
			original, mustExist = r.Original[from], false
		}
		tmp, err := stage(path, original, r.Fixed[path], mustExist)
		if err != nil {
			cleanup()
			return err
		}
		ready = append(ready, pending{path, tmp})
	}
	for i, p := range ready {
		if err := os.Rename(p.tmp, p.path); err != nil {
			for _, rest := range ready[i:] {
				os.Remove(rest.tmp)
			}
			return fmt.Errorf("%s: %w (files before it in this list were written: %d)", p.path, err, i)
		}
		syncDir(filepath.Dir(p.path))
	}
	for from := range r.Renamed {
		if err := os.Remove(from); err != nil {
			return fmt.Errorf("%s was copied to its new name but could not be removed: %w", from, err)
		}
	}
	return nil
}

// stage writes data beside path and returns the temporary file's name.
// For a new file (a rename's target), path must not exist yet and the
// permissions come from the folder's umask default.
func stage(path string, original, data []byte, mustExist bool) (string, error) {
	if !mustExist {
		if _, err := os.Stat(path); err == nil {
			return "", fmt.Errorf("%s exists; nothing was written", path)
		}
		return writeTemp(path, data, 0o644)
	}
	info, err := os.Stat(path)
	if err != nil {
		return "", err
	}
	current, err := os.ReadFile(path)
	if err != nil {
		return "", err
	}
	if !bytes.Equal(current, original) {
		return "", fmt.Errorf("%s changed on disk while wranglint was fixing it; nothing was written", path)
	}
	// Permissions are honoured as written, even for root, who could
	// otherwise write through them.
	if info.Mode().Perm()&0o200 == 0 {
		return "", fmt.Errorf("%s is read-only; nothing was written", path)
	}
	if dir, err := os.Stat(filepath.Dir(path)); err == nil && dir.Mode().Perm()&0o200 == 0 {
		return "", fmt.Errorf("the folder of %s is read-only; nothing was written", path)
	}
	return writeTemp(path, data, info.Mode().Perm())
}

// writeTemp writes data to a fsynced temporary file beside path.
func writeTemp(path string, data []byte, perm os.FileMode) (string, error) {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".wranglint-*")
	if err != nil {
		return "", fmt.Errorf("cannot write beside %s: %w; nothing was written", path, err)
	}
	tmp := f.Name()
	fail := func(err error) (string, error) {
		f.Close()
		os.Remove(tmp)
		return "", fmt.Errorf("%s: %w; nothing was written", path, err)
	}
	if _, err := f.Write(data); err != nil {
		return fail(err)
	}
	if err := f.Chmod(perm); err != nil {
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

func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}
