package jscode

import (
	"fmt"
	"slices"
	"testing"
)

func TestScanClassMembers(t *testing.T) {
	src := `import { Container } from "@cloudflare/containers";
import { Other } from "./other";

export class Box extends Container<Env> {
  defaultPort = 8080;
  allowedHosts = ["example.com"];
  deniedHosts?: string[];
  declare note: string;
  static outboundByHost = { "a.com": () => new Response("") };
  #secret = 1;
  ["computed"] = 2;
  get size() { return 1 }
  async start() {
    await this.setAllowedHosts(["b.com"]);
    const f = () => this.denyHost("c.com");
    function inner() { this.allowHost("d.com"); }
    await this.setAllowedHosts([]);
  }
}
Box.outbound = (req) => fetch(req);
Other.outboundHandlers = {};
notAClass.outbound = 1;
`
	sf := scan(t, "box.ts", src)
	var got []string
	for _, m := range sf.ClassMembers {
		got = append(got, fmt.Sprintf("%s.%s static=%v kind=%d init=%v at=%q", m.Class, m.Name, m.Static, m.Kind, m.Init, m.Span.Text()))
	}
	want := []string{
		`Box.defaultPort static=false kind=0 init=true at="defaultPort"`,
		`Box.allowedHosts static=false kind=0 init=true at="allowedHosts"`,
		`Box.deniedHosts static=false kind=0 init=false at="deniedHosts"`,
		`Box.outboundByHost static=true kind=0 init=true at="outboundByHost"`,
		`Box.size static=false kind=2 init=false at="size"`,
		`Box.start static=false kind=1 init=false at="start"`,
		`Box.outbound static=true kind=3 init=true at="outbound"`,
		`Other.outboundHandlers static=true kind=3 init=true at="outboundHandlers"`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("members:\n got %q\nwant %q", got, want)
	}
	var calls []string
	for _, c := range sf.ThisCalls {
		calls = append(calls, c.Class+"."+c.Method+"@"+c.Span.Text())
	}
	if want := []string{"Box.setAllowedHosts@setAllowedHosts", "Box.denyHost@denyHost"}; !slices.Equal(calls, want) {
		t.Errorf("this calls: got %q, want %q", calls, want)
	}
}

// An Agent-only method is recorded on any receiver (Class ""), other
// methods only on `this`.
func TestScanAgentOnlyMethodCalls(t *testing.T) {
	src := `export async function add(agent, mailer) {
  await agent.addMcpServer("docs", "https://docs.example.com/mcp");
  await agent.addMcpServer("again", "https://x.example.com/mcp");
  await mailer.sendEmail({ to: "a@b.c" });
  await agent.runWorkflow("W", {});
}
export class A { go() { return this.addMcpServer("n", "u"); } }
`
	sf := scan(t, "tools.ts", src)
	var calls []string
	for _, c := range sf.ThisCalls {
		calls = append(calls, c.Class+"."+c.Method+"@"+c.Span.Text())
	}
	if want := []string{".addMcpServer@addMcpServer", "A.addMcpServer@addMcpServer"}; !slices.Equal(calls, want) {
		t.Errorf("calls: got %q, want %q", calls, want)
	}
}
