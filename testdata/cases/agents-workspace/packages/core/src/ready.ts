import { BaseAgent } from "./base";

// A concrete agent the apps deploy as is (main re-exports it).
export class ReadyAgent<E> extends BaseAgent<E> {
  prompt() {
    return "ready";
  }
}
