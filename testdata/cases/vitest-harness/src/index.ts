export class Room {}
export class Facet {}
export default { fetch: () => new Response("ok") };
