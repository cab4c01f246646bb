// Not imported by main: its stub fetch is nobody's Worker code.
export const f = (env: Env) => env.Chat.get(env.Chat.newUniqueId()).fetch("https://x");
