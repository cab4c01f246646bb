// Drives `wranglint lsp` with the JSON-RPC and protocol libraries that
// vscode-languageclient itself uses (vscode-languageserver-protocol), on a
// copy of the CoderAgent sample: VS Code's framing and message shapes
// against the server. Usage: node test/smoke.js WRANGLINT SAMPLE_DIR
"use strict";
const cp = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");
const { pathToFileURL } = require("url");
const rpc = require("vscode-languageserver-protocol/node");

const [bin, sample] = process.argv.slice(2);
if (!bin || !sample) {
  console.error("usage: node test/smoke.js WRANGLINT SAMPLE_DIR");
  process.exit(2);
}

function fail(msg) {
  console.error("vscode smoke test: FAIL: " + msg);
  process.exit(1);
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "wranglint-vscode-"));
  fs.cpSync(sample, dir, { recursive: true });
  const server = cp.spawn(bin, ["lsp", "--no-cache"], { stdio: ["pipe", "pipe", "inherit"] });
  const conn = rpc.createProtocolConnection(new rpc.StreamMessageReader(server.stdout), new rpc.StreamMessageWriter(server.stdin));
  const published = new Map();
  const waiters = [];
  conn.onNotification(rpc.PublishDiagnosticsNotification.type, (p) => {
    published.set(p.uri, p);
    for (const w of waiters.splice(0)) w();
  });
  conn.onRequest(rpc.RegistrationRequest.type, () => null);
  conn.listen();
  const waitFor = (uri, ok, what) =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(what + ": not published in 30 s")), 30000);
      const check = () => {
        const p = published.get(uri);
        if (p && ok(p)) {
          clearTimeout(timer);
          resolve(p);
        } else {
          waiters.push(check);
        }
      };
      check();
    });

  const root = pathToFileURL(dir).href;
  const config = pathToFileURL(path.join(dir, "wrangler.jsonc")).href;
  const client = pathToFileURL(path.join(dir, "src", "client.tsx")).href;
  const init = await conn.sendRequest(rpc.InitializeRequest.type, {
    processId: process.pid,
    rootUri: root,
    workspaceFolders: [{ uri: root, name: "sample" }],
    capabilities: {
      workspace: { workspaceEdit: { documentChanges: true, resourceOperations: ["create", "rename", "delete"] } },
      textDocument: { hover: { contentFormat: ["markdown", "plaintext"] } },
    },
  });
  if (init.serverInfo.name !== "wranglint" || init.capabilities.textDocumentSync.change !== rpc.TextDocumentSyncKind.Incremental) {
    fail("initialize answered " + JSON.stringify(init));
  }
  await conn.sendNotification(rpc.InitializedNotification.type, {});
  const text = fs.readFileSync(path.join(dir, "src", "client.tsx"), "utf8");
  await conn.sendNotification(rpc.DidOpenTextDocumentNotification.type, {
    textDocument: { uri: client, languageId: "typescriptreact", version: 1, text },
  });

  const hasMismatch = (p) => p.diagnostics.some((d) => d.code === "binding-name-case-mismatch");
  const p = await waitFor(config, hasMismatch, "the seed mistake on wrangler.jsonc");
  const d = p.diagnostics.find((x) => x.code === "binding-name-case-mismatch");
  const actions = await conn.sendRequest(rpc.CodeActionRequest.type, {
    textDocument: { uri: config },
    range: d.range,
    context: { diagnostics: [d] },
  });
  const safe = actions.find((a) => a.isPreferred);
  if (!safe || !actions.some((a) => a.title.endsWith("(unsafe)"))) {
    fail("code actions: " + JSON.stringify(actions));
  }
  const hover = await conn.sendRequest(rpc.HoverRequest.type, { textDocument: { uri: config }, position: d.range.start });
  if (!hover || !hover.contents.value.includes("/agents/coder-agent/")) {
    fail("hover: " + JSON.stringify(hover));
  }
  // The preferred fix, applied to the client's buffer as VS Code would.
  const edit = safe.edit.documentChanges[0];
  await conn.sendNotification(rpc.DidChangeTextDocumentNotification.type, {
    textDocument: { uri: client, version: 2 },
    contentChanges: edit.edits.map((e) => ({ range: e.range, text: e.newText })),
  });
  await waitFor(config, (x) => !hasMismatch(x), "the diagnostic cleared by the unsaved fix");
  await conn.sendRequest(rpc.ShutdownRequest.type);
  await conn.sendNotification(rpc.ExitNotification.type);
  const code = await new Promise((resolve) => server.on("exit", resolve));
  if (code !== 0) {
    fail("exit code " + code);
  }
  fs.rmSync(dir, { recursive: true, force: true });
  console.log("vscode smoke test: ok: the diagnostic, both fixes, hover, the unsaved fix clearing it, exit 0");
  process.exit(0);
}

main().catch((err) => fail(String(err && err.stack ? err.stack : err)));
