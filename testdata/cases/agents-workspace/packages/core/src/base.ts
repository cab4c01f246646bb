import { Agent } from "agents";

// The workspace's abstract agent: every subclass is an Agent (SQLite, URL
// namespaces), though the bundle of an app never holds this file.
export abstract class BaseAgent<E> extends Agent<E> {
  abstract prompt(): string;
}
