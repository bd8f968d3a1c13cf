-- Run by scripts/nvim-smoke.sh; prints what it checks and quits with :cquit on a failure.
local root = os.getenv("SMOKE_ROOT")
local failed = false
local function check(ok, what)
  print((ok and "ok   " or "FAIL ") .. what)
  if not ok then failed = true end
end
local function sorted()
  local ds = vim.diagnostic.get(0)
  table.sort(ds, function(a, b) return a.lnum < b.lnum or (a.lnum == b.lnum and a.col < b.col) end)
  return ds
end
local function codes()
  local out = {}
  for _, d in ipairs(sorted()) do out[#out + 1] = d.code end
  return table.concat(out, ",")
end
local function settle(prev)
  vim.wait(5000, function() return codes() ~= prev end, 20)
end

vim.cmd("edit " .. root .. "/openapi.yaml")
local id = vim.lsp.start_client({ name = "apiward", cmd = { os.getenv("APIWARD_BIN"), "lsp" }, root_dir = root })
vim.lsp.buf_attach_client(0, id)
vim.wait(10000, function() return #vim.diagnostic.get(0) > 0 end, 20)
check(codes() == "http-only-server,missing-auth,unbounded-string", "on open: " .. codes())

-- Columns: Neovim turns the server's UTF-16 ranges into byte columns; after two emoji
-- (2 UTF-16 units and 4 bytes each) they must still point at `type: string`.
local line = vim.api.nvim_buf_get_lines(0, 11, 12, false)[1]
local open_at = line:find("type: string", 1, true) - 1
for _, d in ipairs(sorted()) do
  if d.code == "unbounded-string" then
    check(d.lnum == 11 and d.col == open_at and d.end_col == open_at + #"type: string",
      string.format("unbounded-string at byte columns %d-%d of the emoji line (want %d-%d)", d.col, d.end_col, open_at, open_at + #"type: string"))
  end
end

local function actions_at(d)
  local params = {
    textDocument = { uri = vim.uri_from_bufnr(0) },
    range = { start = { line = d.lnum, character = 0 }, ["end"] = { line = d.end_lnum, character = 0 } },
    context = { diagnostics = vim.lsp.diagnostic.get_line_diagnostics(0, d.lnum) },
  }
  local out = {}
  for _, r in pairs(vim.lsp.buf_request_sync(0, "textDocument/codeAction", params, 5000) or {}) do
    for _, a in ipairs(r.result or {}) do out[#out + 1] = a end
  end
  return out
end
local function apply(code, title_part)
  for _, d in ipairs(sorted()) do
    if d.code == code then
      for _, a in ipairs(actions_at(d)) do
        if a.title:find(title_part, 1, true) and a.edit then
          local prev = codes()
          vim.lsp.util.apply_workspace_edit(a.edit, "utf-16")
          settle(prev)
          return a.title
        end
      end
    end
  end
end

local t = apply("http-only-server", "HTTPS")
check(t ~= nil and vim.api.nvim_buf_get_lines(0, 5, 6, false)[1] == "  - url: https://api.example.com",
  "quick fix '" .. tostring(t) .. "' rewrote the server URL")
check(codes() == "missing-auth,unbounded-string", "after the quick fix: " .. codes())

t = apply("missing-auth", "Suppress")
check(t ~= nil and vim.api.nvim_buf_get_lines(0, 8, 9, false)[1] == "    # apiward: ignore[missing-auth]",
  "code action '" .. tostring(t) .. "' inserted the comment above `delete:`")
check(codes() == "unbounded-string", "after the suppression: " .. codes())

-- Typing: bound the string by hand.
local prev = codes()
vim.api.nvim_buf_set_lines(0, 12, 13, false,
  { '        - {name: id, in: path, required: true, schema: {description: "🛒🛒", type: string, maxLength: 36}}' })
settle(prev)
check(codes() == "", "after typing maxLength: '" .. codes() .. "'")
prev = codes()
vim.api.nvim_buf_set_lines(0, 12, 13, false, { line })
settle(prev)
local d = sorted()[1]
local hover = d and vim.lsp.buf_request_sync(0, "textDocument/hover",
  { textDocument = { uri = vim.uri_from_bufnr(0) }, position = { line = d.lnum, character = d.col } }, 5000)
local text = ""
for _, r in pairs(hover or {}) do text = text .. ((r.result and r.result.contents and r.result.contents.value) or "") end
check(text:find("# unbounded-string", 1, true) ~= nil, "hover shows the rule's docs")

vim.lsp.stop_client(id)
vim.wait(2000, function() return vim.lsp.client_is_stopped(id) end, 20)
check(vim.lsp.client_is_stopped(id), "the server exits on shutdown")
if failed then vim.cmd("cquit 1") else vim.cmd("qall!") end
