import Home from "./pages/Home.mdx";

export default {
  async fetch() {
    return new Response(String(Home));
  },
} satisfies ExportedHandler;
