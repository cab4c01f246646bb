import { connect } from "./lib/connect";
export function Chat() {
  return connect("ChatAgent");
}
