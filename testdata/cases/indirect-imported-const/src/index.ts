export { AGENT as CHAT } from "./names";
