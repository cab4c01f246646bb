// Forwards a request to a fresh instance (this comment mentions a class).
export function forward(req: Request, env: Env) {
  return env.Chat.get(env.Chat.newUniqueId()).fetch(req); // want 47 "agent-stub-without-name" "newUniqueId\\(\\) carries no name"
}
