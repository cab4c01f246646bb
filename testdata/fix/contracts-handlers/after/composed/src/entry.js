import handler from "./api.js";

export default {
  queue: handler.queue.bind(handler),
  fetch: (request, env, ctx) => handler.fetch(request, env, ctx),
};
