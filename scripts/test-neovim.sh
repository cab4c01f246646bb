#!/usr/bin/env bash
# Drives `wranglint lsp` from a headless Neovim with its built-in LSP
# client, on a copy of testdata/coderagent: the config shows the seed
# mistake, a code action offers the client's fix, hover on the binding
# shows its namespace, and the fix applied to the (unsaved) client buffer
# clears the config's diagnostic without writing any file.
# Skipped (exit 0) where nvim is not installed; CI runs it where it is.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v nvim >/dev/null 2>&1; then
  echo "test-neovim: skipped (nvim is not installed; apt-get install neovim)"
  exit 0
fi
if [ -x /usr/local/go/bin/go ]; then export PATH="/usr/local/go/bin:$PATH"; fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
CGO_ENABLED=0 go build -o "$tmp/wranglint" ./cmd/wranglint
cp -R testdata/coderagent "$tmp/project"
before=$(cd "$tmp/project" && find . -type f -exec sha256sum {} + | sort)

cat >"$tmp/test.lua" <<'LUA'
local project, bin = os.getenv("PROJECT"), os.getenv("WRANGLINT")
local mismatch = "binding-name-case-mismatch"

local function fail(msg)
  io.stderr:write("test-neovim: FAIL: " .. msg .. "\n")
  vim.cmd("cquit")
end

local function code_of(d)
  return d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
end

local function mismatches(buf)
  local out = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    if code_of(d) == mismatch then table.insert(out, d) end
  end
  return out
end

local function request(buf, method, params)
  local res, err = vim.lsp.buf_request_sync(buf, method, params, 20000)
  if not res then fail(method .. ": " .. tostring(err)) end
  for _, r in pairs(res) do
    if r.error then fail(method .. ": " .. vim.inspect(r.error)) end
    return r.result
  end
end

vim.cmd("edit " .. vim.fn.fnameescape(project .. "/wrangler.jsonc"))
local config = vim.api.nvim_get_current_buf()
local id = vim.lsp.start_client({ name = "wranglint", cmd = { bin, "lsp", "--no-cache" }, root_dir = project })
if not id then fail("the client did not start") end
vim.lsp.buf_attach_client(config, id)

-- 1. The seed mistake on the config.
if not vim.wait(30000, function() return #mismatches(config) > 0 end, 50) then
  fail("no " .. mismatch .. " diagnostic on wrangler.jsonc in 30 s")
end
local d = mismatches(config)[1]
local range = { start = { line = d.lnum, character = d.col }, ["end"] = { line = d.end_lnum, character = d.end_col } }
local uri = vim.uri_from_bufnr(config)

-- 2. Code actions: the client's fix (preferred) and the rename (unsafe).
local actions = request(config, "textDocument/codeAction", { textDocument = { uri = uri }, range = range,
  context = { diagnostics = vim.lsp.diagnostic.get_line_diagnostics(config, d.lnum) } })
local safe, unsafe
for _, a in ipairs(actions or {}) do
  if a.isPreferred and a.title:find('"CoderAgent"', 1, true) then safe = a end
  if a.title:find("(unsafe)", 1, true) then unsafe = a end
end
if not safe then fail("no preferred fix among the code actions: " .. vim.inspect(actions)) end
if not unsafe then fail("no unsafe fix among the code actions: " .. vim.inspect(actions)) end

-- 3. Hover on the binding name: the namespace it is served at.
local hover = request(config, "textDocument/hover", { textDocument = { uri = uri }, position = { line = d.lnum, character = d.col + 2 } })
local text = hover and hover.contents and (hover.contents.value or hover.contents) or ""
if type(text) ~= "string" or not text:find("/agents/coder-agent/", 1, true) then
  fail("hover does not show the namespace: " .. vim.inspect(hover))
end

-- 4. The fix applied to the client's buffer, not saved: the diagnostic clears.
vim.lsp.util.apply_workspace_edit(safe.edit, "utf-16")
local client_buf = vim.fn.bufnr(project .. "/src/client.tsx")
if client_buf < 0 then fail("the fix did not open src/client.tsx") end
vim.lsp.buf_attach_client(client_buf, id)
if not vim.wait(30000, function() return #mismatches(config) == 0 end, 50) then
  fail("the diagnostic stayed after the client's buffer was fixed")
end
if not vim.api.nvim_buf_get_option(client_buf, "modified") then fail("the client's buffer was saved") end

vim.lsp.stop_client(id)
vim.wait(5000, function() return vim.lsp.get_client_by_id(id) == nil end, 50)
io.stdout:write("test-neovim: ok: the diagnostic, both fixes, hover, and the unsaved fix clearing it\n")
vim.cmd("qall!")
LUA

status=0
PROJECT="$tmp/project" WRANGLINT="$tmp/wranglint" XDG_CACHE_HOME="$tmp/cache" XDG_STATE_HOME="$tmp/state" \
  timeout 120 nvim --headless --clean -n -u NONE -c "luafile $tmp/test.lua" </dev/null || status=$?
if [ "$status" -ne 0 ]; then
  echo "test-neovim: nvim exited $status" >&2
  exit 1
fi
after=$(cd "$tmp/project" && find . -type f -exec sha256sum {} + | sort)
if [ "$before" != "$after" ]; then
  echo "test-neovim: FAIL: files changed on disk during the session" >&2
  exit 1
fi
