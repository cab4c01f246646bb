import { CoreAgent } from "./core";

export class RecruiterAgent extends CoreAgent {}

export default {
  async fetch(request: Request, env: Env) {
    const recruiter = env.RECRUITER.get(env.RECRUITER.idFromName("agent-recruiter"));
    const url = new URL(request.url);
    if (url.pathname === "/a") return recruiter.fetch("https://agent/delegate", { method: "POST" });
    if (url.pathname === "/b") return recruiter.fetch("/tasks/pending");
    if (url.pathname === "/c") return recruiter.fetch(`https://agent/jobs/${url.searchParams.get("id")}/resolve`, { method: "POST" });
    return recruiter.fetch(request); // want "agent-stub-without-name"
  },
} satisfies ExportedHandler<Env>;
