package cache

import (
	"bytes"
	"crypto/sha256"
	"debug/elf"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
)

// The salt of every key is the running build's identity, not its version
// string: two builds that print the same version (a "+dirty" tree, the
// same -X main.version) never read each other's entries.

var (
	exeOnce sync.Once
	exeID   []byte
	exeErr  error
)

// executableIdentity is the Go build ID the linker wrote into the
// executable (it changes with any source, flag or toolchain change), or,
// for a build without one, the SHA-256 of the executable's bytes,
// remembered in ids/ by the executable's path, size, times and inode so
// that it is computed once per build.
func (s *Store) executableIdentity() ([]byte, error) {
	exeOnce.Do(func() {
		exe, err := os.Executable()
		if err != nil {
			exeErr = err
			return
		}
		if real, err := filepath.EvalSymlinks(exe); err == nil {
			exe = real
		}
		if id := goBuildID(exe); id != "" {
			exeID = []byte("go build id " + id)
			return
		}
		sum, err := s.hashExecutable(exe)
		exeID, exeErr = append([]byte("sha256 "), sum...), err
	})
	return exeID, exeErr
}

// goBuildID reads the build ID from an ELF note, or from the marker the
// Go linker writes at the start of the text of other formats.
func goBuildID(exe string) string {
	f, err := os.Open(exe)
	if err != nil {
		return ""
	}
	defer f.Close()
	if ef, err := elf.NewFile(f); err == nil {
		sec := ef.Section(".note.go.buildid")
		if sec == nil || sec.Size > 1<<10 {
			return ""
		}
		data, err := sec.Data()
		if err != nil || len(data) < 16 {
			return ""
		}
		order := ef.ByteOrder
		namesz, descsz := order.Uint32(data), order.Uint32(data[4:])
		name := (namesz + 3) &^ 3
		if namesz != 4 || string(data[12:15]) != "Go\x00" || uint64(12+name)+uint64(descsz) > uint64(len(data)) {
			return ""
		}
		return string(data[12+name : 12+name+descsz])
	}
	head := make([]byte, 32<<10)
	n, _ := io.ReadFull(f, head)
	head = head[:n]
	const marker = "\xff Go build ID: \""
	i := bytes.Index(head, []byte(marker))
	if i < 0 {
		return ""
	}
	rest := head[i+len(marker):]
	j := bytes.Index(rest, []byte("\"\n \xff"))
	if j <= 0 {
		return ""
	}
	return string(rest[:j])
}

// hashExecutable hashes the executable, or reads the hash a run of the
// same file (path, size, times, inode) remembered.
func (s *Store) hashExecutable(exe string) (string, error) {
	f, info, err := func() (*os.File, os.FileInfo, error) {
		f, err := os.Open(exe)
		if err != nil {
			return nil, nil, err
		}
		info, err := f.Stat()
		return f, info, err
	}()
	if err != nil {
		return "", err
	}
	defer f.Close()
	dev, ino, ctime, _ := sysIdentity(info)
	stamp := fmt.Sprintf("%s\x00%d %d %d %d %d", exe, info.Size(), info.ModTime().UnixNano(), ctime, ino, dev)
	name := sha256.Sum256([]byte(exe))
	memo := filepath.Join(s.dir, "ids", hex.EncodeToString(name[:]))
	if data, minfo, err := readRegular(memo, 4<<10); err == nil {
		if saved, sum, ok := strings.Cut(string(data), "\n"); ok && saved == stamp && isHex(sum, 64) {
			touch(memo, minfo.ModTime(), s.now())
			return sum, nil
		}
	}
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	sum := hex.EncodeToString(h.Sum(nil))
	writeAtomic(filepath.Join(s.dir, "ids"), hex.EncodeToString(name[:]), []byte(stamp+"\n"+sum))
	return sum, nil
}
