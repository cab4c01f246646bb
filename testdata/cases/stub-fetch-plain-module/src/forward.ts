// Forwards a request to a fresh instance (this comment mentions a class).
export function forward(req: Request, env: Env) {
  return env.Chat.get(env.Chat.newUniqueId()).fetch(req); // want 47 "agent-stub-without-name" "newUniqueId\\(\\) addresses a new instance that nothing has named, so the installed agents 0.32.0 fails with \"Chat could not determine its Durable Object name\""
}

// The namespace destructured from env is the same binding.
export function forwardById(req: Request, env: Env, id: string) {
  const { Chat: ns } = env;
  if (!id) return ns.get(ns.newUniqueId()).fetch(req); // want "agent-stub-without-name" "newUniqueId"
  // agents >= 0.22 reads a stored name where ctx.id.name is missing: an
  // instance named before answers an idFromString() id
  return ns.get(ns.idFromString(id)).fetch(req);
}
