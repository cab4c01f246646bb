import { FRESHNESS_CRON, EVERY_MINUTE } from "./crons";
import { PRUNE_CRON } from "../lib/prune";

export default {
  async fetch() {
    return new Response("dispatch");
  },
  async scheduled(controller: ScheduledController, env: Env, ctx: ExecutionContext) {
    if (controller?.cron === FRESHNESS_CRON) {
      await freshness(env);
      return;
    }
    if (controller.cron === PRUNE_CRON) {
      return prune(env);
    }
    if (controller.cron === "0 0 * * * ") {
      return nightly(env);
    }
    if (controller?.cron !== EVERY_MINUTE) {
      return { ok: false, skipped: true, reason: "unknown cron" };
    }
    await tick(env);
  },
};

async function freshness(env: Env) {}
async function prune(env: Env) {}
async function nightly(env: Env) {}
async function tick(env: Env) {}
