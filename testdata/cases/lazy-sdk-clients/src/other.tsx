// a prop named useAgent in a file that never loads the SDK is the app's own
export function Widget({ useAgent }: { useAgent: (o: { agent: string }) => unknown }) {
  useAgent({ agent: "not-an-sdk-client" });
  return null;
}
