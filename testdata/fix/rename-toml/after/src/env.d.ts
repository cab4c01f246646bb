// Hand-written: the rename follows every declaration of Env.
interface Env {
  notesagent: DurableObjectNamespace;
  "OTHER": KVNamespace;
  nested: { NOTES_AGENT: string };
}
