// a URL object whose path is set by assignment, then opened elsewhere
export function coderSocketUrl(session: string) {
  const url = new URL(window.location.origin);
  url.protocol = url.protocol.replace("http", "ws");
  url.pathname = `/agents/coderagent/${session}`;
  return url.toString();
}

export function chatSocketUrl(session: string) {
  const url = new URL(window.location.href);
  url.pathname = "/agents/chat-agent/" + session;
  url.search = "";
  return url.href;
}

export function rewrite(url: URL) {
  url.pathname = url.pathname.replace(/^\/api/, "");
  return url;
}
