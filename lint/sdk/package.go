package sdk

import "github.com/wranglint/wranglint/lint/source"

// Package returns the version of any package in force for files in dir:
// an installed copy (walking up), else the lockfile's entry, else the
// lowest version the nearest package.json's range allows.
func (vf *VersionFinder) Package(dir, name string) PackageVersion {
	vf.mu.Lock()
	defer vf.mu.Unlock()
	return vf.find(dir, name)
}

// Rebind returns a finder that reads through fs and starts from what vf
// found (an editor's next snapshot, when no package.json, lockfile or
// installed package changed).
func (vf *VersionFinder) Rebind(fs *source.FileSet) *VersionFinder {
	vf.mu.Lock()
	defer vf.mu.Unlock()
	out := &VersionFinder{fs: fs, cache: make(map[string]Versions, len(vf.cache)), folders: make(map[string]*folder, len(vf.folders))}
	for k, v := range vf.cache {
		out.cache[k] = v
	}
	for k, v := range vf.folders {
		out.folders[k] = v
	}
	return out
}
