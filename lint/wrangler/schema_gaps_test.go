package wrangler

import "testing"

func TestAcceptedBeyondSchema(t *testing.T) {
	v3 := WranglerVersion{Major: 3, Minor: 114, Patch: 17, Known: true}
	v4 := WranglerVersion{Major: 4, Minor: 58, Known: true}
	cases := []struct {
		path, key string
		v         WranglerVersion
		want      bool
	}{
		{"services[0]", "environment", v4, true},
		{"env.staging.services[2]", "environment", v4, true},
		{"containers[1]", "unsafe", WranglerVersion{}, true},
		{"containers[0].constraints", "tiers", v4, true},
		{"", "legacy_assets", v3, true},
		{"", "legacy_assets", v4, false},
		{"", "legacy_assets", WranglerVersion{}, false},
		{"services[0]", "entrypont", v4, false},
		{"durable_objects.bindings[0]", "environment", v4, false},
	}
	for _, c := range cases {
		if got := Accepted(c.path, c.key, c.v); got != c.want {
			t.Errorf("Accepted(%q, %q, %+v) = %v", c.path, c.key, c.v, got)
		}
	}
	if !Silently("services[0]", v4) || Silently("durable_objects.bindings[0]", v4) || !Silently("env.x", WranglerVersion{Major: 4, Minor: 60, Known: true}) || Silently("env.x", WranglerVersion{Major: 4, Minor: 61, Patch: 1, Known: true}) {
		t.Error("Silently")
	}
}
