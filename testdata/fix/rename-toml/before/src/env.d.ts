// Hand-written: the rename follows every declaration of Env.
interface Env {
  NOTES_AGENT: DurableObjectNamespace;
  "OTHER": KVNamespace;
  nested: { NOTES_AGENT: string };
}
