import { useAgent } from "agents/react";

// A paragraph of the docs page: the text shows how to write a suppression,
// after a line the comment lexer cannot read (the apostrophe).
export function Help() {
  return (
    <div>
      <p>Don't panic.</p>
      <p>
        // wranglint-disable-next-line unroutable-agent-url
        {String(useAgent({ agent: "chta" }))} // want "unroutable-agent-url"
      </p>
    </div>
  );
}
