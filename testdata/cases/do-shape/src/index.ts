export class Ok {}
export default { fetch: () => new Response("ok") };
