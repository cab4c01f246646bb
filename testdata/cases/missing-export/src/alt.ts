export class Ghost {}
export default { fetch: () => new Response("alt") };
