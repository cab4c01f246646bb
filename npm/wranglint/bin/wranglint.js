#!/usr/bin/env node
// Launcher of the wranglint npm package: runs the native binary of this
// platform, installed as one of the optional dependencies @wranglint/<os>-<cpu>
// (the way esbuild and biome ship theirs), or the binary named by the
// environment variable WRANGLINT_BINARY. Arguments, standard streams, the exit
// code and signals pass through unchanged.
"use strict";

const childProcess = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");

// process.platform + " " + process.arch -> the package holding its binary.
const PACKAGES = {
  "linux x64": "@wranglint/linux-x64",
  "linux arm64": "@wranglint/linux-arm64",
  "darwin x64": "@wranglint/darwin-x64",
  "darwin arm64": "@wranglint/darwin-arm64",
  "win32 x64": "@wranglint/win32-x64",
};

function fail(message) {
  process.stderr.write("wranglint: " + message + "\n");
  process.exit(2); // wranglint's own code for usage and I/O errors
}

function binaryPath() {
  const custom = process.env.WRANGLINT_BINARY;
  if (custom) {
    if (!fs.existsSync(custom)) {
      fail("WRANGLINT_BINARY is " + JSON.stringify(custom) + ", which does not exist");
    }
    return path.resolve(custom);
  }
  const key = process.platform + " " + process.arch;
  const pkg = PACKAGES[key];
  if (!pkg) {
    fail(
      "no prebuilt binary for " + process.platform + "/" + process.arch + ".\n" +
        "  Build one with `go install github.com/wranglint/wranglint/cmd/wranglint@latest`\n" +
        "  and point WRANGLINT_BINARY at it."
    );
  }
  const exe = process.platform === "win32" ? "wranglint.exe" : "wranglint";
  let dir;
  try {
    // package.json, not the binary: resolving it works whatever "exports" says.
    dir = path.dirname(require.resolve(pkg + "/package.json"));
  } catch (err) {
    fail(
      "the package " + pkg + ", which holds the binary for this platform, is not installed.\n" +
        "  It is an optional dependency of wranglint: install again without\n" +
        "  --no-optional / --omit=optional (and with the same os and cpu as here),\n" +
        "  or point WRANGLINT_BINARY at a wranglint binary."
    );
  }
  const bin = path.join(dir, "bin", exe);
  if (!fs.existsSync(bin)) {
    fail(pkg + " is installed but has no " + path.join("bin", exe) + "; reinstall it");
  }
  return bin;
}

const bin = binaryPath();
const child = childProcess.spawn(bin, process.argv.slice(2), {
  stdio: "inherit",
  windowsHide: true,
});

// Pass signals on to the binary; the launcher ends when the binary does.
// (Not SIGUSR1, which Node keeps for its debugger, nor SIGWINCH, which the
// terminal sends to the binary itself.)
const SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP", "SIGQUIT", "SIGBREAK", "SIGUSR2"];
const forwarders = {};
for (const sig of SIGNALS) {
  forwarders[sig] = () => {
    try {
      child.kill(sig);
    } catch (_) {
      // the binary is already gone
    }
  };
  try {
    process.on(sig, forwarders[sig]);
  } catch (_) {
    // this platform does not know that signal
  }
}

child.on("error", (err) => {
  if (err.code === "EACCES") {
    fail("cannot run " + bin + ": it is not executable (" + err.message + ")");
  }
  fail("cannot run " + bin + ": " + err.message);
});

child.on("exit", (code, signal) => {
  if (signal) {
    // The binary died of a signal: die of the same one, so that the caller
    // sees what a direct run would have shown (e.g. 130 or 143 in a shell).
    for (const sig of SIGNALS) {
      process.removeListener(sig, forwarders[sig]);
    }
    process.kill(process.pid, signal);
    // In case that signal does not end Node: the shell convention.
    process.exit(128 + (os.constants.signals[signal] || 0));
    return;
  }
  process.exit(code === null ? 1 : code);
});
