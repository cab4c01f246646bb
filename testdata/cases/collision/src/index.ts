export class CoderAgent {}
export class LegacyCoder {}
export class OtherCoder {}
export default { fetch: () => new Response("ok") };
