import { Agent } from "agents";
// A project's own base class: its subclasses are agents too.
export class BaseAgent<E> extends Agent<E> {}
