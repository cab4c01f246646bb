import { Agent } from "agents";
export class BaseFlow extends Agent<Env> {
  async start() {
    await this.runWorkflow("PIPELINE", { at: Date.now() });
  }
}
export class FlowAgent extends BaseFlow {}
