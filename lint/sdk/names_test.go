package sdk

import "testing"

// The version ranges, at their edges, as read from partyserver's and
// agents' published source (names.go).
func TestNameSourceFor(t *testing.T) {
	agentClass := ClassBase{Module: "agents", Name: "Agent"}
	serverClass := ClassBase{Module: "partyserver", Name: "Server"}
	mcpClass := ClassBase{Module: "agents/mcp", Name: "McpAgent"}
	ps := func(v string) PackageVersion {
		ver, _ := ParseVersion(v)
		return PackageVersion{Package: "partyserver", Version: ver, Found: true}
	}
	ag := func(pkg, v string) PackageVersion {
		ver, _ := ParseVersion(v)
		return PackageVersion{Package: pkg, Version: ver, Found: true}
	}
	for _, tc := range []struct {
		base ClassBase
		v    Versions
		want NameSource
	}{
		{serverClass, Versions{PartyServer: ps("0.0.41")}, NameNotChecked},
		{serverClass, Versions{PartyServer: ps("0.0.42")}, NameHeaderOnly},
		{serverClass, Versions{PartyServer: ps("0.2.0")}, NameHeaderOnly},
		{serverClass, Versions{PartyServer: ps("0.3.0")}, NameStored},
		{serverClass, Versions{PartyServer: ps("0.4.1")}, NameStored},
		{serverClass, Versions{PartyServer: ps("0.5.0")}, NameFromID},
		{serverClass, Versions{PartyServer: ps("0.5.1")}, NameFromIDOrStored},
		{serverClass, Versions{PartyServer: ps("0.5.10")}, NameFromIDOrStored},
		{serverClass, Versions{}, NameUnknown},
		// agents 0.22 and later do not depend on partyserver
		{serverClass, Versions{Agents: ag("agents", "0.32.0")}, NameUnknown},
		{serverClass, Versions{Agents: ag("agents", "0.8.0")}, NameStored},
		{agentClass, Versions{Agents: ag("agents", "0.32.0"), PartyServer: ps("0.4.1")}, NameAgentsLifecycle},
		{agentClass, Versions{Agents: ag("agents", "0.22.0")}, NameAgentsLifecycle},
		{agentClass, Versions{Agents: ag("agents", "0.21.0"), PartyServer: ps("0.2.0")}, NameHeaderOnly},
		{agentClass, Versions{Agents: ag("agents", "0.21.0")}, NameFromIDOrStored},
		{agentClass, Versions{Agents: ag("agents", "0.11.6")}, NameFromIDOrStored},
		{agentClass, Versions{Agents: ag("agents", "0.11.5")}, NameStored},
		{agentClass, Versions{Agents: ag("agents", "0.6.0")}, NameStored},
		{agentClass, Versions{Agents: ag("agents", "0.5.1")}, NameHeaderOnly},
		{agentClass, Versions{Agents: ag("agents-sdk", "0.0.30")}, NameHeaderOnly},
		{ClassBase{Module: "@cloudflare/ai-chat", Name: "AIChatAgent"}, Versions{Agents: ag("agents", "0.24.0")}, NameAgentsLifecycle},
		// McpAgent extended DurableObject until agents 0.1.2
		{mcpClass, Versions{Agents: ag("agents", "0.0.74"), PartyServer: ps("0.0.68")}, NameNotChecked},
		{mcpClass, Versions{Agents: ag("agents", "0.1.1")}, NameNotChecked},
		{mcpClass, Versions{Agents: ag("agents", "0.1.2")}, NameHeaderOnly},
		{mcpClass, Versions{Agents: ag("agents", "0.1.2"), PartyServer: ps("0.0.68")}, NameHeaderOnly},
		{ClassBase{Module: "cloudflare:workers", Name: "DurableObject"}, Versions{PartyServer: ps("0.2.0")}, NameUnknown},
	} {
		if got, _ := tc.v.NameSourceFor(tc.base); got != tc.want {
			t.Errorf("%s with %s, %s: %d, want %d", tc.base.Module, tc.v.Agents, tc.v.PartyServer, got, tc.want)
		}
	}
}

func TestNameSourceFailsFor(t *testing.T) {
	kinds := []string{"idFromName", "getByName", "idFromString", "newUniqueId", ""}
	for _, tc := range []struct {
		s    NameSource
		want []bool // per kind above
	}{
		{NameUnknown, []bool{false, false, false, true, false}},
		{NameNotChecked, []bool{false, false, false, false, false}},
		{NameHeaderOnly, []bool{true, true, true, true, true}},
		{NameStored, []bool{false, false, false, true, false}},
		{NameFromID, []bool{false, false, true, true, false}},
		{NameFromIDOrStored, []bool{false, false, false, true, false}},
		{NameAgentsLifecycle, []bool{false, false, false, true, false}},
	} {
		for i, k := range kinds {
			if got := tc.s.FailsFor(k); got != tc.want[i] {
				t.Errorf("source %d, id kind %q: %v, want %v", tc.s, k, got, tc.want[i])
			}
		}
	}
}
