-- Neovim >= 0.11 config for `vim.lsp.enable('newsmark')`, in the style of
-- nvim-lspconfig's lsp/*.lua: with this plugin on 'runtimepath', enabling it is
-- enough (require('newsmark').setup() does the same and more). The binary is
-- vim.g.newsmark_server_path or `newsmark` on PATH.
local newsmark = require('newsmark')

---@type vim.lsp.Config
return {
  cmd = newsmark.cmd(),
  filetypes = { 'markdown', 'yaml' },
  root_dir = newsmark.lsp_root_dir(),
  on_attach = newsmark.on_attach(),
}
