package sdk

// NameSource says where a partyserver Server (or an Agent) learns its
// instance name when the Worker fetches its Durable Object stub directly,
// without the x-partykit-room header that routePartykitRequest,
// routeAgentRequest, getServerByName and getAgentByName send. Read from the
// published source of each version (partyserver in cloudflare/partykit,
// packages/partyserver; agents in cloudflare/agents, packages/agents):
//
//   - partyserver 0.0.32 - 0.0.41: fetch does not ask for a name.
//   - partyserver 0.0.42 - 0.2.x: the header, or a name set in memory by
//     setName in the instance's current lifetime; otherwise fetch throws
//     "Missing namespace or room headers".
//   - partyserver 0.3.0 - 0.4.x: setName also stores the name (__ps_name) and
//     fetch reloads it, so only an instance that was never named throws.
//   - partyserver 0.5.0: ctx.id.name, which only idFromName() and getByName()
//     ids carry; otherwise "Cannot determine the name for X".
//   - partyserver 0.5.1 and later: ctx.id.name, else a stored __ps_name (from
//     0.5.4 stored for every instance addressed by name), else it throws.
//   - agents 0.22.0 and later (no partyserver): ctx.id.name, else a stored
//     __ps_name (read only), else "X could not determine its Durable Object
//     name".
//
// McpAgent of agents 0.0.41 - 0.1.1 extends DurableObject itself (it holds
// an Agent inside and answers fetch on its own), so it never asks for a
// name; from 0.1.2 it extends Agent.
//
// agents 0.21 and earlier extend partyserver's Server (their fetch calls
// super.fetch): the installed partyserver decides, or, when it is not
// known, the range agents depends on: agents-sdk and agents 0.0.1 - 0.5.x
// depend on partyserver 0.0.x - 0.2.x, agents 0.6.0 - 0.11.5 on 0.3.x - 0.4.x,
// agents 0.11.6 - 0.21.x on 0.5.3 and later.
type NameSource int

const (
	// NameUnknown: no version is known.
	NameUnknown NameSource = iota
	// NameNotChecked: partyserver < 0.0.42; fetch does not need the name.
	NameNotChecked
	// NameHeaderOnly: partyserver 0.0.42 - 0.2.x.
	NameHeaderOnly
	// NameStored: partyserver 0.3.0 - 0.4.x.
	NameStored
	// NameFromID: partyserver 0.5.0.
	NameFromID
	// NameFromIDOrStored: partyserver >= 0.5.1.
	NameFromIDOrStored
	// NameAgentsLifecycle: agents >= 0.22, which no longer builds on
	// partyserver; names as NameFromIDOrStored.
	NameAgentsLifecycle
)

// FailsFor reports whether a direct fetch of a stub built from an id of
// this kind ("idFromName", "idFromString", "newUniqueId", "getByName" or ""
// when unknown) throws whatever instance it addresses. Where the name may
// have been stored by an earlier routed request, it is not certain, and
// not reported. Without a known version, only newUniqueId() is: its
// instance is new, so nothing named it, in every version that asks.
func (s NameSource) FailsFor(idKind string) bool {
	switch s {
	case NameNotChecked:
		return false
	case NameHeaderOnly:
		return true
	case NameFromID:
		return idKind == "idFromString" || idKind == "newUniqueId"
	}
	return idKind == "newUniqueId"
}

var (
	v0_0_42 = Version{0, 0, 42}
	v0_3_0  = Version{0, 3, 0}
	v0_5_0  = Version{0, 5, 0}
	v0_5_1  = Version{0, 5, 1}
	v0_6_0  = Version{0, 6, 0}
	v0_11_6 = Version{0, 11, 6}
	v0_22_0 = Version{0, 22, 0}
	v0_1_2  = Version{0, 1, 2}
)

// NameSourceFor is where a class built on base learns its name, given the
// versions known for the Worker, and the package version that says so,
// with how it is known ("installed partyserver 0.4.1", "locked agents
// 0.8.0"; "" when unknown).
func (v Versions) NameSourceFor(base ClassBase) (NameSource, string) {
	a, ps := v.Agents, v.PartyServer
	agentsOwn := a.Found && a.Package == "agents" && !a.Version.Less(v0_22_0)
	switch {
	case base.Name == "McpAgent" && a.Found && a.Version.Less(v0_1_2):
		return NameNotChecked, labelOf(a) + " (whose McpAgent extends DurableObject)"
	case base.IsAgentsSDK() && agentsOwn:
		return NameAgentsLifecycle, labelOf(a)
	case base.IsAgentsSDK() || base.ExtendsServer():
		if ps.Found {
			return partyserverNames(ps.Version), labelOf(ps)
		}
		if a.Found && !agentsOwn {
			return agentsNames(a), labelOf(a) + " (through the partyserver it depends on)"
		}
	}
	return NameUnknown, ""
}

// labelOf names a package version for messages: "locked partyserver 0.0.75".
func labelOf(p PackageVersion) string {
	label := p.Package + " " + p.Version.String()
	if o := p.Origin(); o != "" {
		return o + " " + label
	}
	return label
}

func partyserverNames(v Version) NameSource {
	switch {
	case v.Less(v0_0_42):
		return NameNotChecked
	case v.Less(v0_3_0):
		return NameHeaderOnly
	case v.Less(v0_5_0):
		return NameStored
	case v.Less(v0_5_1):
		return NameFromID
	}
	return NameFromIDOrStored
}

// agentsNames: the partyserver an agents version depends on decides.
func agentsNames(a PackageVersion) NameSource {
	switch {
	case a.Package == "agents-sdk" || a.Version.Less(v0_6_0):
		return NameHeaderOnly
	case a.Version.Less(v0_11_6):
		return NameStored
	}
	return NameFromIDOrStored
}
