export * from "./agents";
export default { fetch: () => new Response("ok") };
