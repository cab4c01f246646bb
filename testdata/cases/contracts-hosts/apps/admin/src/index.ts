export default {
  async fetch() {
    // global_fetch_strictly_public: a self-fetch goes out through the front door
    return fetch("https://admin.example.com/status");
  },
} satisfies ExportedHandler<Env>;
