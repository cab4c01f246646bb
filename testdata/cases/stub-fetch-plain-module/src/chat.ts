import { Agent } from "agents";
export class Chat extends Agent<Env> {}
