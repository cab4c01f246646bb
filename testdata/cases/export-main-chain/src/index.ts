import { helper } from "./util";

class Hidden {
  fetch() { return new Response(helper()); }
}

export default { fetch: () => new Response("ok") };
