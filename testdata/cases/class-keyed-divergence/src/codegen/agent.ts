import { Agent } from "agents";
export class CodeGeneratorAgent extends Agent<Env> {}
