export class Room {}
export default { fetch: () => new Response("ok") };
