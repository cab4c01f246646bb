import { Agent } from "agents";

export class CoderAgent extends Agent<Env> {}
