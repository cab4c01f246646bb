export function handle(_request: Request) {
  return new Response(process.env.GREETING);
}
