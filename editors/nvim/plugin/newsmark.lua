-- Newsmark: detection and commands. The server is set up by
-- require('newsmark').setup(opts), which runs by itself with the defaults on
-- the first Newsmark file unless you call it first (or set
-- vim.g.newsmark_auto_setup = false).
if vim.g.loaded_newsmark == 1 then
  return
end
vim.g.loaded_newsmark = 1

-- Articles stay `markdown` (so Markdown plugins keep working) and registries
-- `yaml`; stated here so the detection holds whatever other plugins add for *.md.
vim.filetype.add({
  pattern = {
    ['.*%.news%.md'] = 'markdown',
    ['.*%.actors%.yaml'] = 'yaml',
  },
  filename = {
    ['actors.yaml'] = 'yaml',
  },
})

vim.api.nvim_create_user_command('NewsmarkRestart', function()
  require('newsmark').restart()
end, { desc = 'Restart the Newsmark language server' })

if vim.g.newsmark_auto_setup ~= false then
  vim.api.nvim_create_autocmd({ 'BufReadPre', 'BufNewFile' }, {
    group = vim.api.nvim_create_augroup('newsmark_auto_setup', { clear = true }),
    pattern = { '*.news.md', 'actors.yaml', '*.actors.yaml' },
    once = true,
    callback = function()
      local newsmark = require('newsmark')
      if not newsmark.config then
        newsmark.setup()
      end
    end,
  })
end
