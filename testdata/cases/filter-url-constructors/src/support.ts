import { SUPPORT_URL } from "./constants";

export function connect(): WebSocket {
  return new WebSocket(new URL(SUPPORT_URL, location.origin.replace("http", "ws")));
}
