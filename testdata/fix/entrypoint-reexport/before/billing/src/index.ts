// Billing: no imports yet (the new line goes at the end).
export default {
  async fetch() {
    return new Response("billing");
  },
};
