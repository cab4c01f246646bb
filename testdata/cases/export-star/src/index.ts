export * from "@/agents";
export * from "@acme/shared-agents";
export default { fetch: () => new Response("ok") };
