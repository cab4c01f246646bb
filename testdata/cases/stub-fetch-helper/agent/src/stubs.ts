import { getAgentByName } from "agents";
// getters of a stub: the id kind they use decides whether the agent can
// learn its name (partyserver 0.0.75 reads it only from the room header)
export function getChatAgent(namespace: DurableObjectNamespace, userId: string) {
  return namespace.get(namespace.idFromName(userId));
}

export const freshAgent = (ns: DurableObjectNamespace) => {
  const id = ns.newUniqueId();
  return ns.get(id);
};

// the namespace as second parameter
export function named(name: string, ns: DurableObjectNamespace) {
  return ns.get(ns.idFromName(name));
}

// the SDK's getter names the instance: not a plain stub
export async function viaSdk(ns: DurableObjectNamespace, name: string) {
  return getAgentByName(ns, name);
}

// getters given the whole env: the binding is the getter's own choice
export function chatFor(env: Env, id: string) {
  return env.ChatAgent.get(env.ChatAgent.idFromName(id));
}

export async function namedChat(env: Env, name: string) {
  return getAgentByName(env.ChatAgent, name);
}
