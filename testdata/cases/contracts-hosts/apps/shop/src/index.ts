export default {
  async fetch() {
    return new Response("shop");
  },
} satisfies ExportedHandler<Env>;
