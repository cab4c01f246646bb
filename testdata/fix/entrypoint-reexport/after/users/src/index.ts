// The users Worker: its RPC classes live in src/rpc.
import { greet } from "./lib/greet";
export { UsersService } from "./rpc/users";
export { default as AdminService } from "./rpc/admin";

export default {
  async fetch() {
    return new Response(greet("users"));
  },
};
