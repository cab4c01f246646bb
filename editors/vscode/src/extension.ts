// The wranglint extension starts `wranglint lsp` and connects VS Code to
// it; everything else (diagnostics, quick fixes, hover, go to definition)
// comes from the language server.
import * as fs from "fs";
import * as path from "path";
import { commands, ExtensionContext, window, workspace } from "vscode";
import { Executable, LanguageClient, LanguageClientOptions, ServerOptions } from "vscode-languageclient/node";

let client: LanguageClient | undefined;

export async function activate(context: ExtensionContext): Promise<void> {
  context.subscriptions.push(
    commands.registerCommand("wranglint.restart", () => restart(context)),
    workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration("wranglint.path")) {
        void restart(context);
      }
    }),
    // A workspace's own node_modules/.bin is only used once it is trusted.
    workspace.onDidGrantWorkspaceTrust(() => restart(context)),
  );
  await start(context);
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}

async function restart(context: ExtensionContext): Promise<void> {
  await deactivate();
  await start(context);
}

async function start(context: ExtensionContext): Promise<void> {
  const found = findWranglint();
  if (!found) {
    void window.showWarningMessage(
      "wranglint: no wranglint executable found (the wranglint.path setting, the workspace's node_modules/.bin, or the PATH). " +
        "Install it with `npm install -D wranglint` or `go install ./cmd/wranglint` from a clone, then run “wranglint: Restart the language server”.",
    );
    return;
  }
  const run: Executable = { command: found, args: ["lsp"] };
  if (/\.(cmd|bat)$/i.test(found)) {
    // npm's Windows shims are batch files, which Node starts only through
    // a shell; the path is quoted for the shell.
    run.command = `"${found}"`;
    run.options = { shell: true };
  }
  const serverOptions: ServerOptions = { run, debug: run };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: "file", pattern: "**/wrangler.{json,jsonc,toml}" },
      { scheme: "file", pattern: "**/.wranglint.jsonc" },
      ...["javascript", "javascriptreact", "typescript", "typescriptreact", "svelte", "vue"].map((language) => ({ scheme: "file", language })),
    ],
  };
  client = new LanguageClient("wranglint", "wranglint", serverOptions, clientOptions);
  context.subscriptions.push(client);
  try {
    await client.start();
  } catch (err) {
    void window.showErrorMessage(`wranglint: ${found} lsp did not start: ${String(err)}`);
  }
}

// findWranglint returns the wranglint to run: the wranglint.path setting,
// else the workspace's node_modules/.bin (trusted workspaces only), else
// the PATH.
function findWranglint(): string | undefined {
  const windows = process.platform === "win32";
  const configured = workspace.getConfiguration("wranglint").get<string>("path", "").trim();
  if (configured) {
    return path.isAbsolute(configured) ? configured : onPath(configured, windows ? ["", ".exe", ".cmd"] : [""]);
  }
  if (workspace.isTrusted) {
    for (const folder of workspace.workspaceFolders ?? []) {
      for (const name of windows ? ["wranglint.cmd", "wranglint.exe"] : ["wranglint"]) {
        const candidate = path.join(folder.uri.fsPath, "node_modules", ".bin", name);
        if (isExecutable(candidate)) {
          return candidate;
        }
      }
    }
  }
  return onPath("wranglint", windows ? [".exe", ".cmd"] : [""]);
}

function onPath(name: string, extensions: string[]): string | undefined {
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    if (!dir) {
      continue;
    }
    for (const ext of extensions) {
      const candidate = path.join(dir, name + ext);
      if (isExecutable(candidate)) {
        return candidate;
      }
    }
  }
  return undefined;
}

function isExecutable(file: string): boolean {
  try {
    if (!fs.statSync(file).isFile()) {
      return false;
    }
    fs.accessSync(file, process.platform === "win32" ? fs.constants.F_OK : fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
