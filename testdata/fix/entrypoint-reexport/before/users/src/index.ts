// The users Worker: its RPC classes live in src/rpc.
import { greet } from "./lib/greet";

export default {
  async fetch() {
    return new Response(greet("users"));
  },
};
