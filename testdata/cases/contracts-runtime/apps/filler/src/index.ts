import { handle } from "./app";

export default {
  async fetch(request: Request, env: Env) {
    Object.assign(process.env, env); // fills process.env itself
    return handle(request);
  },
} satisfies ExportedHandler<Env>;
