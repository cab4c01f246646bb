package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// sink is where the report goes: standard output as it is written, or
// with --output-file a buffer written to the file whole at the end
// (through a temporary file and a rename, so a reader never sees half a
// report).
type sink struct {
	path string
	out  io.Writer
	buf  bytes.Buffer
}

func newSink(path string, stdout io.Writer) *sink { return &sink{path: path, out: stdout} }

func (s *sink) Write(p []byte) (int, error) {
	if s.path == "" {
		return s.out.Write(p)
	}
	return s.buf.Write(p)
}

// target is what colour is chosen for: the terminal, or the file.
func (s *sink) target() io.Writer {
	if s.path == "" {
		return s.out
	}
	return &s.buf
}

// flush writes the file (nothing for standard output).
func (s *sink) flush() error {
	if s.path == "" {
		return nil
	}
	data := s.buf.Bytes()
	s.buf = bytes.Buffer{}
	tmp, err := os.CreateTemp(filepath.Dir(s.path), "."+filepath.Base(s.path)+".*")
	if err != nil {
		return fmt.Errorf("--output-file %s: %w", s.path, unwrap(err))
	}
	_, werr := tmp.Write(data)
	cerr := tmp.Close()
	if err := firstErr(werr, cerr, os.Chmod(tmp.Name(), 0o644), os.Rename(tmp.Name(), s.path)); err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("--output-file %s: %w", s.path, unwrap(err))
	}
	return nil
}

func firstErr(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}
