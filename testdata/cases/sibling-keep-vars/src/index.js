export default {
  async fetch(request, env) {
    const user = new URL(request.url).searchParams.get("u");
    return new Response(user === env.admin ? "admin" : "user");
  },
};
