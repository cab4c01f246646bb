export default {
  async fetch() {
    // its own custom domain in a redirect, not a fetch
    return Response.redirect("https://web.example.com/home", 302);
  },
} satisfies ExportedHandler<Env>;
