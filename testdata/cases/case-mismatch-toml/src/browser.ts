// The URL written by hand, lower-cased.
export function connect() {
  return new WebSocket("wss://coder.example.com/agents/coderagent/default");
}
