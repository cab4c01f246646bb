package lint

import (
	"os"
	"path/filepath"
	"sync"
)

// FileSet reads each file once and shares it between the config model, the
// module graph, the client scan and the output.
type FileSet struct {
	WorkDir string
	// Overlay holds contents that replace files on disk: the fixer lints
	// its edits in memory before it writes anything.
	Overlay map[string][]byte
	mu      sync.Mutex
	files   map[string]*File
}

// NewFileSet returns an empty set whose paths display relative to workDir.
func NewFileSet(workDir string) *FileSet {
	return &FileSet{WorkDir: workDir, files: map[string]*File{}}
}

// maxFileSize bounds what is read into memory: no real config or source
// module comes near it.
const maxFileSize = 64 << 20

// Read returns the file at the absolute path abs, reading it on first use.
func (s *FileSet) Read(abs string) (*File, error) {
	s.mu.Lock()
	f := s.files[abs]
	s.mu.Unlock()
	if f != nil {
		return f, nil
	}
	data, ok := s.Overlay[abs]
	if !ok {
		var err error
		if data, err = readLimited(abs); err != nil {
			return nil, err
		}
	}
	f = NewFile(abs, s.Rel(abs), data)
	s.mu.Lock()
	defer s.mu.Unlock()
	if prev := s.files[abs]; prev != nil {
		return prev, nil
	}
	s.files[abs] = f
	return f, nil
}

// Rel shows abs relative to the working directory when it lies below it.
func (s *FileSet) Rel(abs string) string {
	if rel, err := filepath.Rel(s.WorkDir, abs); err == nil && !startsWithDotDot(rel) {
		return filepath.ToSlash(rel)
	}
	if rel, err := filepath.Rel(s.WorkDir, abs); err == nil {
		return filepath.ToSlash(rel)
	}
	return filepath.ToSlash(abs)
}

func startsWithDotDot(rel string) bool {
	return rel == ".." || len(rel) > 2 && rel[:3] == ".."+string(filepath.Separator)
}

// Cached returns a file already read, or nil.
func (s *FileSet) Cached(abs string) *File {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.files[abs]
}

// ErrTooLarge is returned for files over maxFileSize.
type ErrTooLarge struct{ Size int64 }

func (e ErrTooLarge) Error() string {
	return "file too large to lint (" + itoa(int(e.Size>>20)) + " MiB; the limit is " + itoa(maxFileSize>>20) + " MiB)"
}

func readLimited(abs string) ([]byte, error) {
	info, err := os.Stat(abs)
	if err != nil {
		return nil, err
	}
	if info.IsDir() {
		return nil, errIsDir
	}
	if info.Size() > maxFileSize {
		return nil, ErrTooLarge{info.Size()}
	}
	return os.ReadFile(abs)
}

type pathErr string

func (e pathErr) Error() string { return string(e) }

const errIsDir = pathErr("is a folder, not a file")
