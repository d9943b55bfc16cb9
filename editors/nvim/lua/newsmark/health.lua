--- :checkhealth newsmark
local M = {}

local health = vim.health

function M.check()
  local newsmark = require('newsmark')
  health.start('newsmark: Neovim')
  if vim.fn.has('nvim-0.11') == 1 then
    health.ok('Neovim ' .. tostring(vim.version()) .. ': the server is enabled with vim.lsp.config / vim.lsp.enable')
  elseif vim.fn.has('nvim-0.10') == 1 then
    health.ok('Neovim ' .. tostring(vim.version()) .. ': the server is started with vim.lsp.start (the 0.10 fallback)')
  else
    health.error('Neovim ' .. tostring(vim.version()) .. ' is too old', { 'Newsmark needs Neovim 0.10 or newer.' })
  end
  if newsmark.config then
    health.ok('setup() has run')
  else
    health.warn('setup() has not run yet', { "It runs on the first Newsmark file, or call require('newsmark').setup()." })
  end

  health.start('newsmark: language server')
  local path = newsmark.server_path()
  local exe = vim.fn.exepath(path)
  if exe == '' then
    health.error(('the server binary %q was not found'):format(path), {
      'Install it: `cargo install --path .` in the newsmark repository (puts `newsmark` on PATH).',
      "Or point to it: require('newsmark').setup({ server_path = '/path/to/newsmark' }).",
    })
    return
  end
  health.ok('binary: ' .. exe)
  local ok, result = pcall(function()
    return vim.system({ exe, '--version' }, { text = true }):wait(5000)
  end)
  if not ok or not result or result.code ~= 0 then
    health.error(('`%s --version` failed'):format(exe), { ok and result and result.stderr or tostring(result) })
    return
  end
  health.ok('version: ' .. vim.trim(result.stdout))
  local lsp = vim.system({ exe, 'lsp', '--help' }, { text = true }):wait(5000)
  if lsp.code == 0 then
    health.ok('`newsmark lsp` is available: ' .. table.concat(newsmark.cmd(), ' '))
  else
    health.error('this newsmark has no `lsp` subcommand', { 'Install a newer newsmark.' })
  end

  local clients = newsmark.clients()
  if #clients == 0 then
    health.info('no newsmark client is running (open a *.news.md or actors.yaml file)')
  end
  for _, client in ipairs(clients) do
    local n = vim.tbl_count(client.attached_buffers or {})
    health.ok(('client %d running, root %s, %d buffer(s)'):format(client.id, client.root_dir or client.config.root_dir or '?', n))
  end
end

return M
