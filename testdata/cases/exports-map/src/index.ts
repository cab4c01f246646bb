export class Chat {}
export default { fetch: () => new Response("ok") };
