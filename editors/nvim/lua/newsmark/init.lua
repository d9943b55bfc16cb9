--- Newsmark for Neovim: starts the `newsmark lsp` language server for
--- Newsmark articles (`*.news.md`, filetype stays `markdown`) and actor
--- registries (`actors.yaml`, `*.actors.yaml`, filetype `yaml`).
---
--- Neovim >= 0.11: `vim.lsp.config('newsmark', …)` + `vim.lsp.enable('newsmark')`.
--- Neovim 0.10: a `FileType` autocmd that calls `vim.lsp.start`.
local M = {}

---@class newsmark.Config
---@field cmd? string[] Command that runs the server; default `{ server_path, 'lsp' }`.
---@field server_path? string The `newsmark` binary (a name on PATH or a path); default `vim.g.newsmark_server_path` or `'newsmark'`.
---@field root_markers? string[] Tried in order: the nearest directory holding the first marker found wins.
---@field article_patterns? string[] Lua patterns on the file path that mark articles.
---@field registry_patterns? string[] Lua patterns on the file name that mark registries.
---@field capabilities? table Merged into the client capabilities (e.g. from nvim-cmp / blink.cmp).
---@field on_attach? fun(client: vim.lsp.Client, bufnr: integer)
---@field inlay_hints? boolean Show the speaker's name after `{@id}` and `{@}` (inlay hints); default true.
---@field settings? table
M.defaults = {
  cmd = nil,
  server_path = nil,
  root_markers = { 'newsmark.toml', 'actors.yaml', '.git' },
  article_patterns = { '%.news%.md$' },
  registry_patterns = { '^actors%.yaml$', '%.actors%.yaml$' },
  capabilities = nil,
  on_attach = nil,
  inlay_hints = true,
  settings = {},
}

---@type newsmark.Config?
M.config = nil

local uv = vim.uv or vim.loop

--- Does Neovim have `vim.lsp.config` / `vim.lsp.enable` (0.11+)?
function M.has_lsp_config()
  return vim.fn.has('nvim-0.11') == 1 and type(vim.lsp.enable) == 'function' and vim.lsp.config ~= nil
end

--- The server binary as configured (not resolved).
function M.server_path(config)
  config = config or M.config or M.defaults
  if config.cmd and config.cmd[1] then
    return config.cmd[1]
  end
  return config.server_path or vim.g.newsmark_server_path or 'newsmark'
end

function M.cmd(config)
  config = config or M.config or M.defaults
  return config.cmd or { M.server_path(config), 'lsp' }
end

--- 'article', 'registry' or nil for a file path.
function M.kind(path, config)
  config = config or M.config or M.defaults
  if not path or path == '' then
    return nil
  end
  local name = vim.fs.basename(path)
  for _, pat in ipairs(config.article_patterns) do
    if path:match(pat) then
      return 'article'
    end
  end
  for _, pat in ipairs(config.registry_patterns) do
    if name:match(pat) then
      return 'registry'
    end
  end
  return nil
end

--- The workspace root of a file: the nearest directory holding `newsmark.toml`,
--- else `actors.yaml`, else `.git`, else the file's directory.
function M.root_dir(path, config)
  config = config or M.config or M.defaults
  path = vim.fs.normalize(path)
  for _, marker in ipairs(config.root_markers) do
    local found = vim.fs.find(marker, { path = vim.fs.dirname(path), upward = true, limit = 1 })[1]
    if found then
      return vim.fs.dirname(found)
    end
  end
  return vim.fs.dirname(path)
end

local function buf_path(bufnr)
  local name = vim.api.nvim_buf_get_name(bufnr)
  if name == '' or name:match('^%a[%w+.-]*://') then
    return nil -- unnamed or not a file (fugitive://, oil://, …)
  end
  return vim.fs.normalize(uv.fs_realpath(name) or name)
end

--- The client's `on_attach`: turns on inlay hints (the speaker's name after
--- `{@id}` and `{@}`) unless `inlay_hints = false`, then calls the user's.
function M.on_attach(config)
  return function(client, bufnr)
    local c = config or M.config or M.defaults
    if c.inlay_hints and vim.lsp.inlay_hint and client.server_capabilities.inlayHintProvider then
      vim.lsp.inlay_hint.enable(true, { bufnr = bufnr })
    end
    if c.on_attach then
      c.on_attach(client, bufnr)
    end
  end
end

local function client_config(config)
  return {
    name = 'newsmark',
    cmd = M.cmd(config),
    filetypes = { 'markdown', 'yaml' },
    capabilities = config.capabilities,
    on_attach = M.on_attach(config),
    settings = config.settings,
  }
end

--- Start (or reuse) the client for one buffer, Neovim 0.10 style.
function M.attach(bufnr)
  local config = M.config or M.defaults
  local path = buf_path(bufnr)
  if not path or not M.kind(path, config) or vim.bo[bufnr].buftype ~= '' then
    return nil
  end
  local cc = client_config(config)
  cc.root_dir = M.root_dir(path, config)
  cc.filetypes = nil
  return vim.lsp.start(cc, { bufnr = bufnr })
end

--- A `root_dir` function for `vim.lsp.config` (0.11): calls `on_dir` only for
--- Newsmark files, so other Markdown and YAML buffers get no client.
function M.lsp_root_dir(config)
  ---@param bufnr integer
  ---@param on_dir fun(root: string?)
  return function(bufnr, on_dir)
    local c = config or M.config or M.defaults
    local path = buf_path(bufnr)
    if path and M.kind(path, c) then
      on_dir(M.root_dir(path, c))
    end
  end
end

local augroup = vim.api.nvim_create_augroup('newsmark', { clear = true })

--- Configure and enable the server. Safe to call again with new options.
---@param opts? newsmark.Config
function M.setup(opts)
  M.config = vim.tbl_deep_extend('force', {}, M.defaults, opts or {})
  local config = M.config
  vim.api.nvim_clear_autocmds({ group = augroup })

  if M.has_lsp_config() then
    local cc = client_config(config)
    cc.name = nil
    cc.root_dir = M.lsp_root_dir(config)
    vim.lsp.config('newsmark', cc)
    vim.lsp.enable('newsmark')
    -- Buffers already open (enable() only re-triggers them after VimEnter).
    for _, bufnr in ipairs(vim.api.nvim_list_bufs()) do
      if vim.api.nvim_buf_is_loaded(bufnr) and vim.bo[bufnr].filetype ~= '' and vim.v.vim_did_enter ~= 1 then
        vim.api.nvim_exec_autocmds('FileType', { group = 'nvim.lsp.enable', buffer = bufnr })
      end
    end
  else
    vim.api.nvim_create_autocmd('FileType', {
      group = augroup,
      pattern = { 'markdown', 'yaml' },
      callback = function(args)
        M.attach(args.buf)
      end,
    })
    for _, bufnr in ipairs(vim.api.nvim_list_bufs()) do
      if vim.api.nvim_buf_is_loaded(bufnr) then
        M.attach(bufnr)
      end
    end
  end
end

--- The running newsmark clients.
function M.clients(filter)
  filter = vim.tbl_extend('force', { name = 'newsmark' }, filter or {})
  local get = vim.lsp.get_clients or vim.lsp.get_active_clients
  return get(filter)
end

--- Stop the server and start it again for every Newsmark buffer.
function M.restart()
  local clients = M.clients()
  local buffers = {}
  for _, client in ipairs(clients) do
    for bufnr in pairs(client.attached_buffers or {}) do
      buffers[#buffers + 1] = bufnr
    end
    if vim.fn.has('nvim-0.11') == 1 then
      client:stop()
    else
      client.stop() -- 0.10: a function field, not a method
    end
  end
  vim.defer_fn(function()
    for _, bufnr in ipairs(buffers) do
      if vim.api.nvim_buf_is_valid(bufnr) then
        if M.has_lsp_config() then
          vim.api.nvim_exec_autocmds('FileType', { group = 'nvim.lsp.enable', buffer = bufnr })
        else
          M.attach(bufnr)
        end
      end
    end
  end, 500)
end

return M
