export class Chat {}
export class Room {}
export default { fetch: () => new Response("ok") };
