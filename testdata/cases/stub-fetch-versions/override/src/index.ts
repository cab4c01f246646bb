export { Scheduler, Nightly, Logged } from "./scheduler";
export default {
  async fetch(request: Request, env: { SCHEDULER: DurableObjectNamespace; NIGHTLY: DurableObjectNamespace; LOGGED: DurableObjectNamespace }) {
    const { pathname } = new URL(request.url);
    if (pathname === "/nightly") return env.NIGHTLY.get(env.NIGHTLY.idFromName("n")).fetch(request);
    if (pathname === "/logged") return env.LOGGED.get(env.LOGGED.idFromName("l")).fetch(request); // want "agent-stub-without-name" "partyserver 0.0.72 learns the name only from the routing header"
    const stub = env.SCHEDULER.get(env.SCHEDULER.idFromName("example"));
    return stub.fetch(request);
  },
};
