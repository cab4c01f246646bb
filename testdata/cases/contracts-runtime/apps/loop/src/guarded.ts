// tests ctx.exports before it relies on it: written for dates before and after
export async function viaLoopback(ctx: ExecutionContext & { exports?: any }) {
  if (!ctx.exports?.Greeter) {
    throw new Error("enable_ctx_exports is required for the loopback");
  }
  return ctx.exports.Greeter.greet("you");
}
