import Home from "./pages/Home.mdx"; // want "syntax-error" "No loader is configured for \".mdx\" files"

export default {
  async fetch() {
    return new Response(String(Home));
  },
} satisfies ExportedHandler;
