import handler from "./api.js";

export default {
  fetch: (request, env, ctx) => handler.fetch(request, env, ctx),
};
