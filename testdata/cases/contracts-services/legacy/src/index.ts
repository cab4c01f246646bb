export default {
  async fetch(request: Request) {
    const url = new URL(request.url);
    switch (url.pathname) {
      case "/invoices":
        return new Response("invoices");
      default:
        return new Response("everything else");
    }
  },
};
