package sdk

import (
	"strings"
)

// ClassBase is the SDK class a Worker class ultimately extends.
type ClassBase struct {
	Module string // e.g. "agents", "agents/mcp", "@cloudflare/ai-chat", "partyserver"
	Name   string // e.g. "Agent", "McpAgent"
	Via    []string
	// OwnFetch: a class on the way (the class itself or one it extends
	// in the project) declares fetch without calling super.fetch, so the
	// SDK's fetch never runs for a request to it.
	OwnFetch bool
}

// IsAgentsSDK: a class of the Agents SDK (agents, agents-sdk,
// @cloudflare/ai-chat, @cloudflare/think, @cloudflare/voice), all of which
// extend Agent and need SQLite storage.
func (b ClassBase) IsAgentsSDK() bool {
	for _, m := range []string{"agents", "agents-sdk", "@cloudflare/ai-chat", "@cloudflare/think", "@cloudflare/voice"} {
		if b.Module == m || strings.HasPrefix(b.Module, m+"/") {
			return true
		}
	}
	return false
}

// IsPartyServer: an Agents SDK class or a partyserver Server: both route
// by the instance name.
func (b ClassBase) IsPartyServer() bool {
	return b.IsAgentsSDK() || b.ExtendsServer()
}

// ExtendsServer: partyserver's Server, or a class of a package that
// extends it (y-partyserver's YServer), whose naming partyserver's
// installed version decides.
func (b ClassBase) ExtendsServer() bool {
	return b.Module == "partyserver" || b.Module == "y-partyserver"
}

// DefaultPrefix is the URL prefix a routing function serves when no
// prefix option is given: /agents/ for routeAgentRequest, /parties/ for
// partyserver's routePartykitRequest.
func DefaultPrefix(routingFunc string) string {
	if routingFunc == "routeAgentRequest" {
		return "agents"
	}
	return "parties"
}
