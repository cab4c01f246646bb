import alchemy from "alchemy";
import { DurableObjectNamespace, Worker } from "alchemy/cloudflare";

const app = await alchemy("files");
export const worker = await Worker("files-worker", {
  entrypoint: "worker/agent.ts",
  bindings: {
    ConversationAgent: DurableObjectNamespace("conversation", { className: "ConversationAgent", sqlite: true }),
    Sandbox: DurableObjectNamespace("sandbox", { className: "Sandbox", sqlite: true }),
  },
});
await app.finalize();
