export { BaseAgent } from "./base";
export { ReadyAgent } from "./ready";
export * from "./store";
export { Agent as PlainAgent } from "agents";
