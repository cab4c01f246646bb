package sdk

// Package returns the version of any package in force for files in dir:
// an installed copy (walking up), else the lockfile's entry, else the
// lowest version the nearest package.json's range allows.
func (vf *VersionFinder) Package(dir, name string) PackageVersion {
	vf.mu.Lock()
	defer vf.mu.Unlock()
	return vf.find(dir, name)
}
