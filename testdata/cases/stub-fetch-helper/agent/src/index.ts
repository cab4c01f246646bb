import { Agent, getAgentByName } from "agents";
import { getChatAgent, freshAgent, named, viaSdk, chatFor, namedChat } from "./stubs";

export class ChatAgent extends Agent<Env> {}

function localGetter(ns: DurableObjectNamespace, id: string) {
  return ns.get(ns.idFromString(id));
}

function newChatAgent(env: { ChatAgent: DurableObjectNamespace }) {
  return env.ChatAgent.get(env.ChatAgent.newUniqueId());
}

export default {
  async fetch(request: Request, env: { ChatAgent: DurableObjectNamespace }) {
    const url = new URL(request.url);
    if (url.pathname === "/a") {
      const agent = getChatAgent(env.ChatAgent, "user-1");
      return agent.fetch(request); // want "agent-stub-without-name" "env.ChatAgent is fetched directly: the required partyserver 0.0.75 learns the name only from the routing header"
    }
    if (url.pathname === "/b") {
      return freshAgent(env.ChatAgent).fetch(request); // want "agent-stub-without-name" "env.ChatAgent is fetched directly"
    }
    if (url.pathname === "/c") {
      const stub = await localGetter(env.ChatAgent, "abc");
      return stub.fetch(request); // want "agent-stub-without-name" "env.ChatAgent is fetched directly"
    }
    if (url.pathname === "/d") {
      return named("x", env.ChatAgent).fetch(request); // want "agent-stub-without-name"
    }
    if (url.pathname === "/e") {
      return (await viaSdk(env.ChatAgent, "x")).fetch(request);
    }
    if (url.pathname === "/f") {
      return newChatAgent(env).fetch(request); // want "agent-stub-without-name" "env.ChatAgent is fetched directly"
    }
    if (url.pathname === "/g") {
      return chatFor(env, "x").fetch(request); // want "agent-stub-without-name" "env.ChatAgent is fetched directly"
    }
    if (url.pathname === "/h") {
      return (await namedChat(env, "x")).fetch(request);
    }
    if (url.pathname === "/i") {
      const ns = env.ChatAgent;
      return ns.get(ns.newUniqueId()).fetch(request); // want "agent-stub-without-name" "env.ChatAgent is fetched directly"
    }
    const ok = await getAgentByName(env.ChatAgent, "user-1");
    return ok.fetch(request);
  },
};
