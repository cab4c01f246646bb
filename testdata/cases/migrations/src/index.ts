export class Counter {}
export class Room {}
export class Lobby {}
export class Chat {}
export class Legacy {}
export class Phoenix {}
export default { fetch: () => new Response("ok") };
