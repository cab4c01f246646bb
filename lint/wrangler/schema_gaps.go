package wrangler

import (
	"strings"
)

// Keys wrangler accepts beyond its config schema (docs/workers-contracts.md
// section 13 measured each with the versions' own config readers, and read
// the validation code): the schema marks some @hidden, and the built-in
// schema (of one wrangler version) does not know what an older version
// accepted. A key wrangler accepts is never called unknown.

// WranglerVersion is the wrangler a project deploys with, as far as known.
type WranglerVersion struct {
	Major, Minor, Patch int
	Known               bool
}

func (v WranglerVersion) atLeast(major, minor, patch int) bool {
	if v.Major != major {
		return v.Major > major
	}
	if v.Minor != minor {
		return v.Minor > minor
	}
	return v.Patch >= patch
}

// hiddenKeys are accepted by every wrangler 3.x and 4.x at these places
// (path pattern: [] for any index; "" for the top level).
var hiddenKeys = map[string][]string{
	"":                         {"configPath", "userConfigPath", "topLevelName", "definedEnvironments", "targetEnvironment"},
	"services[]":               {"environment", "cross_account_grant"},
	"containers[]":             {"instances", "configuration", "durable_objects", "wrangler_ssh", "affinities", "rollout_kind", "unsafe", "constraints"},
	"containers[].constraints": {"cities", "tier", "tiers"},
	// build.upload (format, main, dir, rules) is deprecated, not ignored:
	// wrangler's normalizeAndValidateConfig still takes build.upload.rules as
	// the default of rules, with a deprecation warning of its own.
	"build": {"upload"},
}

// v3Keys are top-level keys wrangler 2.x and 3.x read (their schemas have
// them) and 4.x removed or warns about.
var v3Keys = []string{"legacy_assets", "node_compat", "type", "webpack_config", "miniflare", "zone_id",
	"experimental_services", "kv-namespaces", "usage_model", "legacy_env"}

// uncheckedPlaces are where no wrangler version checks for unexpected
// keys: a typo there is ignored silently.
var uncheckedPlaces = []string{"services[]", "tail_consumers[]", "dispatch_namespaces[]", "version_metadata", "ai", "limits", "placement"}

// Accepted reports whether wrangler (of version v, when known) reads a
// key the schema does not list at path (as UnknownField.Path).
func Accepted(path, key string, v WranglerVersion) bool {
	place := pattern(stripEnv(path))
	for _, k := range hiddenKeys[place] {
		if k == key {
			return true
		}
	}
	if place == "" && v.Known && v.Major <= 3 {
		for _, k := range v3Keys {
			if k == key {
				return true
			}
		}
	}
	return false
}

// Silently reports whether wrangler ignores an unknown key at path without
// a warning: places it never checks, and any place inside env.<name>
// before 4.61.1.
func Silently(path string, v WranglerVersion) bool {
	if strings.HasPrefix(path, "env.") && v.Known && !v.atLeast(4, 61, 1) {
		return true
	}
	place := pattern(stripEnv(path))
	for _, u := range uncheckedPlaces {
		if place == u || strings.HasPrefix(place, u+".") || strings.HasPrefix(place, u+"[") {
			return true
		}
	}
	return false
}

// stripEnv turns env.<name>.x into x: environments take the same keys.
func stripEnv(path string) string {
	if rest, ok := strings.CutPrefix(path, "env."); ok {
		if i := strings.IndexByte(rest, '.'); i >= 0 {
			return rest[i+1:]
		}
		return ""
	}
	return path
}

// pattern replaces array indexes with [] (durable_objects.bindings[0] ->
// durable_objects.bindings[]).
func pattern(path string) string {
	var b strings.Builder
	for i := 0; i < len(path); i++ {
		if path[i] == '[' {
			j := strings.IndexByte(path[i:], ']')
			if j > 0 {
				b.WriteString("[]")
				i += j
				continue
			}
		}
		b.WriteByte(path[i])
	}
	return b.String()
}

// ParseWranglerVersion reads "4.164.0" (false for anything else).
func ParseWranglerVersion(s string) (WranglerVersion, bool) {
	var v WranglerVersion
	parts := strings.SplitN(s, ".", 3)
	if len(parts) != 3 {
		return v, false
	}
	nums := []*int{&v.Major, &v.Minor, &v.Patch}
	for i, p := range parts {
		if i == 2 {
			p, _, _ = strings.Cut(p, "-")
		}
		n := 0
		if p == "" {
			return v, false
		}
		for _, c := range p {
			if c < '0' || c > '9' {
				return v, false
			}
			n = n*10 + int(c-'0')
		}
		*nums[i] = n
	}
	v.Known = true
	return v, true
}

// BuiltinVersion is the wrangler version the built-in schema comes from.
func BuiltinVersion() WranglerVersion {
	s := strings.TrimPrefix(Builtin().Source, "the schema of wrangler ")
	v, _ := ParseWranglerVersion(strings.TrimSuffix(s, " built into wranglint"))
	return v
}

// Newer reports whether v is a later version than o.
func (v WranglerVersion) Newer(o WranglerVersion) bool {
	return v != o && v.atLeast(o.Major, o.Minor, o.Patch)
}

// RemovedKeys are top-level keys wrangler 4 refuses rather than ignores
// ("Removed: ..."), with what to use instead.
var RemovedKeys = map[string]string{
	"node_compat": `the "nodejs_compat" compatibility flag`,
	"legacy_env":  "environments as they are (legacy_env: true is the only behaviour)",
}
