export { AGENT_NAMES as NAMES } from "./names";
