package resolve

import (
	"path/filepath"
	"slices"
	"strings"
)

// Workspace packages before install: a fresh clone of a monorepo has no
// node_modules, yet `import { x } from "@repo/common"` names a package of
// the workspace (pnpm-workspace.yaml's packages, package.json's
// workspaces). When no node_modules folder links the package, it is found
// by name among the workspace's package folders, as the package manager
// will link it.

// maxWorkspaceDepth bounds a "**" pattern's descent.
const maxWorkspaceDepth = 3

// workspaceEntry finds the package spec names among the packages of the
// workspace that holds dir; "" when there is none.
func (r *Resolver) workspaceEntry(dir, spec string) string {
	name, subpath, ok := parsePackageName(spec)
	if !ok {
		return ""
	}
	pkgDir := r.workspacePackages(dir)[name]
	if pkgDir == "" {
		return ""
	}
	var ignored []Problem
	pj := r.readPackageJSONFile(filepath.Join(pkgDir, "package.json"), &ignored)
	if pj == nil {
		return ""
	}
	return r.sourceEntry(r.files.realPath(pkgDir), pj, strings.TrimPrefix(subpath, "."))
}

// workspacePackages maps package names to folders for the nearest
// workspace root at or above dir (cached per root).
func (r *Resolver) workspacePackages(dir string) map[string]string {
	root, patterns := r.workspaceRoot(dir)
	if root == "" {
		return nil
	}
	r.mu.Lock()
	pkgs, ok := r.workspaces[root]
	r.mu.Unlock()
	if ok {
		return pkgs
	}
	pkgs = map[string]string{}
	for _, pat := range patterns {
		if strings.HasPrefix(pat, "!") {
			continue
		}
		for _, d := range r.expandWorkspace(root, strings.Split(strings.Trim(filepath.ToSlash(pat), "/"), "/"), 0) {
			var ignored []Problem
			if pj := r.readPackageJSONFile(filepath.Join(d, "package.json"), &ignored); pj != nil {
				if n, ok := pj.raw.getString("name"); ok && n != "" && pkgs[n] == "" {
					pkgs[n] = d
				}
			}
		}
	}
	r.mu.Lock()
	r.workspaces[root] = pkgs
	r.mu.Unlock()
	return pkgs
}

// workspaceRoot walks up from dir to the first folder that declares a
// workspace, with its package patterns; it stops at a repository root.
func (r *Resolver) workspaceRoot(dir string) (string, []string) {
	for cur := dir; ; {
		if f, err := r.files.read(filepath.Join(cur, "pnpm-workspace.yaml")); err == nil {
			return cur, pnpmPackages(string(f.Data))
		}
		var ignored []Problem
		if pj := r.readPackageJSONFile(filepath.Join(cur, "package.json"), &ignored); pj != nil {
			if pats := workspacesField(pj.raw.get("workspaces")); len(pats) > 0 {
				return cur, pats
			}
		}
		if r.files.exists(filepath.Join(cur, ".git")) {
			return "", nil
		}
		up := filepath.Dir(cur)
		if up == cur {
			return "", nil
		}
		cur = up
	}
}

// workspacesField reads package.json's "workspaces": an array of
// patterns, or yarn's {"packages": [...]}.
func workspacesField(v *jsonValue) []string {
	if v != nil && v.kind == jsonObject {
		v = v.get("packages")
	}
	if v == nil || v.kind != jsonArray {
		return nil
	}
	var out []string
	for _, e := range v.arr {
		if e.kind == jsonString {
			out = append(out, e.str)
		}
	}
	return out
}

// pnpmPackages reads the "packages:" list of pnpm-workspace.yaml (block
// or flow style, quoted or not).
func pnpmPackages(text string) []string {
	var out []string
	in := false
	for _, line := range strings.Split(text, "\n") {
		if i := strings.Index(line, "#"); i >= 0 {
			line = line[:i]
		}
		trimmed := strings.TrimSpace(line)
		if trimmed == "" {
			continue
		}
		if line[0] != ' ' && line[0] != '\t' && line[0] != '-' {
			key, rest, _ := strings.Cut(trimmed, ":")
			in = strings.TrimSpace(key) == "packages"
			if rest = strings.TrimSpace(rest); in && strings.HasPrefix(rest, "[") {
				for _, item := range strings.Split(strings.Trim(rest, "[]"), ",") {
					if item = unquoteYAML(item); item != "" {
						out = append(out, item)
					}
				}
				in = false
			}
			continue
		}
		if in && strings.HasPrefix(trimmed, "-") {
			if item := unquoteYAML(strings.TrimPrefix(trimmed, "-")); item != "" {
				out = append(out, item)
			}
		}
	}
	return out
}

func unquoteYAML(s string) string {
	return strings.Trim(strings.TrimSpace(s), `"'`)
}

// expandWorkspace lists the folders a workspace pattern's segments match
// below dir: a literal segment, a glob segment (packages/*), or "**" (any
// depth up to maxWorkspaceDepth); node_modules and dot folders are not
// packages of the workspace.
func (r *Resolver) expandWorkspace(dir string, segs []string, depth int) []string {
	if len(segs) == 0 || len(segs) == 1 && segs[0] == "" {
		return []string{dir}
	}
	seg := segs[0]
	if !strings.ContainsAny(seg, "*?[") {
		return r.expandWorkspace(filepath.Join(dir, seg), segs[1:], depth)
	}
	lr := r.listing(dir)
	if lr.l == nil {
		return nil
	}
	var out []string
	for _, name := range lr.l.all() {
		e := lr.l.exact[name]
		if e == nil || e.kind != entryDir || name == "node_modules" || strings.HasPrefix(name, ".") {
			continue
		}
		sub := filepath.Join(dir, name)
		if seg == "**" {
			out = append(out, r.expandWorkspace(sub, segs[1:], depth+1)...)
			if depth+1 < maxWorkspaceDepth {
				out = append(out, r.expandWorkspace(sub, segs, depth+1)...)
			}
			continue
		}
		if ok, _ := filepath.Match(seg, name); ok {
			out = append(out, r.expandWorkspace(sub, segs[1:], depth)...)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}
