export default {
  async fetch() {
    return new Response("file");
  },
} satisfies ExportedHandler<Env>;
