// `await using` is lowered before parsing: the file's facts are read.
import { Agent } from "agents";
export class A extends Agent {}
async function open() { return { [Symbol.asyncDispose]: async () => {} }; }
export default {
  async fetch(r: Request, env: Env, id: string) {
    await using w = await open();
    if (id) return env.A.get(env.A.idFromString(id)).fetch(r); // no version known: a stored name may answer
    return env.A.get(env.A.newUniqueId()).fetch(r); // want "agent-stub-without-name"
  },
};
