package sdk

// Package returns the version of any npm package in force for files in
// dir, found as the Agents SDK's is: an installed copy (walking up, as
// Node resolves), else the nearest lockfile entry the nearest
// package.json's range allows, else the lowest version that range allows.
func (vf *VersionFinder) Package(dir, name string) PackageVersion {
	vf.mu.Lock()
	defer vf.mu.Unlock()
	return vf.find(dir, name)
}
