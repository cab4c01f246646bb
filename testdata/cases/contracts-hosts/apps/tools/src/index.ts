export default {
  async fetch() {
    return new Response("tools");
  },
} satisfies ExportedHandler<Env>;
