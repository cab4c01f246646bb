import handler from "./api";
import { wrapFetch } from "../src/wrap";

export default {
  fetch: (request: Request, env: Env, ctx: ExecutionContext) => wrapFetch(request) ?? handler.fetch(request, env, ctx),
  scheduled: async (controller: ScheduledController, env: Env, ctx: ExecutionContext) => {
    await handler.scheduled(controller, env, ctx);
  },
};
