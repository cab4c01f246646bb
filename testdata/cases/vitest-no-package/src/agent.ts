import { Agent } from "agents";
export class MyAgent extends Agent<Env> {}
type Env = Record<string, never>;
