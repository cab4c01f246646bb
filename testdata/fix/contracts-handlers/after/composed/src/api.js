export default {
  async fetch() {
    return new Response("api");
  },
  async queue(batch) {},
};
