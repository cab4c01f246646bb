export default {
  async fetch(request: Request, env: Env) {
    await env.EMAILS.send({ to: "a@example.com" });
    await env.JOBS.sendBatch([{ body: 1 }]);
    await env.CACHE.send("x"); // want "queue-send-unbound" "env.CACHE.send\\(\\) throws: \"CACHE\" is a \"kv_namespaces\" binding there"
    await env.WELCOME_EMAIL.send({}); // want 29 "queue-send-unbound" "\"WELCOME_EMAIL\" is not bound there.*the queue producer binding is \"WELCOME_EMAILS\""
    await env.ANALYTICS.send({});
    return new Response("ok");
  },
};
