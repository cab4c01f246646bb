export * from "./routes";
export default { fetch: () => new Response("ok") };
