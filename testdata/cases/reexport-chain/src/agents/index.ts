export { CoderAgent } from "./coder";
export { PlannerImpl as Planner } from "./planner";
