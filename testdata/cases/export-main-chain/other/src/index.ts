class Remote {}
export class Unmigrated {}
export default { fetch: () => new Response(String(Remote)) };
