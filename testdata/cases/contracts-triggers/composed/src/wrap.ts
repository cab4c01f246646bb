export function wrapFetch(request: Request): Response | undefined {
  return undefined;
}
