// Forwards a request to a fresh instance (this comment mentions a class).
export function forward(req: Request, env: Env) {
  return env.Chat.get(env.Chat.newUniqueId()).fetch(req); // want 47 "agent-stub-without-name" "newUniqueId\\(\\) carries no name"
}

// The namespace destructured from env is the same binding.
export function forwardById(req: Request, env: Env, id: string) {
  const { Chat: ns } = env;
  return ns.get(ns.idFromString(id)).fetch(req); // want 38 "agent-stub-without-name" "idFromString\\(\\) carries no name"
}
