import { Container } from "@cloudflare/containers";

// The project's base: every subclass intercepts outbound traffic.
export class BaseBox extends Container<Env> {
  static outboundByHost = { "api.example.com": () => new Response("intercepted") }; // want "container-proxy-not-exported: static outboundByHost of \"BaseBox\" turns on outbound interception \\(the top level, env \"production\"\\)"
}
