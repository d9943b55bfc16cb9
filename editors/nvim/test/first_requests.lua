-- The first requests, as a user makes them: in a workspace large enough that
-- the server is still indexing when Neovim attaches, hover, definition,
-- completion, prepareRename and rename are sent the moment the client attaches
-- (from the LspAttach autocmd: no sleep, no waiting for indexing or
-- `$/progress`). Every answer must be the one the complete workspace gives,
-- and the rename must edit every file that uses the id.
--   nvim --headless --clean -l first_requests.lua PLUGIN_DIR WORKSPACE NEWSMARK_BIN
-- WORKSPACE: a copy of examples/ plus many copies of its articles (run.sh
-- makes it). Prints one line per check and "N passed, N failed".

local plugin_dir, workspace, bin = arg[1], arg[2], arg[3]
assert(plugin_dir and workspace and bin, 'usage: first_requests.lua PLUGIN_DIR WORKSPACE NEWSMARK_BIN')
local TIMEOUT = 60000
local uv = vim.uv

local t = dofile(debug.getinfo(1, 'S').source:sub(2):match('(.*/)') .. 'harness.lua')
local out, check, read = t.out, t.check, t.read

local function ms(since)
  return (uv.hrtime() - since) / 1e6
end

vim.lsp.set_log_level('warn')
vim.opt.runtimepath:prepend(plugin_dir)
vim.cmd.runtime('plugin/newsmark.lua')
require('newsmark').setup({ server_path = bin })

local article = workspace .. '/latimes-blinken-mideast.news.md'
local registry = workspace .. '/actors.yaml'
local lines = vim.split(read(article), '\n', { plain = true })

-- `[He](@blinken)`: ASCII before it, so byte columns are UTF-16 columns too.
local row, col
for i, l in ipairs(lines) do
  local c = l:find('[He](@blinken)', 1, true)
  if c then
    row, col = i - 1, c - 1
    break
  end
end
assert(row, 'the example article changed: no [He](@blinken)')
local on_id = { line = row, character = col + #'[He](@' + 2 }
local after_at = { line = row, character = col + #'[He](@' }

-- Every file of the workspace that uses `@blinken`, read from disk: what a
-- complete rename must edit (the registry defines `blinken:`).
local users = {}
local nfiles = 0
for name, type in vim.fs.dir(workspace, { depth = 10 }) do
  if type == 'file' and (name:match('%.news%.md$') or name:match('actors%.yaml$')) then
    nfiles = nfiles + 1
    local path = workspace .. '/' .. name
    local text = read(path)
    if name:match('%.yaml$') then
      text = text:gsub('%f[^\n%z]%s*#[^\n]*', '') -- comments are not uses
    end
    local uses = 0
    for _ in text:gmatch('@blinken%f[^%w_-]') do
      uses = uses + 1
    end
    if name == 'actors.yaml' then
      uses = uses + select(2, text:gsub('%f[^\n%z]blinken:', ''))
    end
    if uses > 0 then
      users[vim.uri_from_fname(path)] = uses
    end
  end
end

local started = uv.hrtime()
local answers = {} -- method -> { err, result, at (ms since start) }
local sent_at, indexed_at
local pending = 0

vim.api.nvim_create_autocmd('LspProgress', {
  callback = function(ev)
    local value = ev.data and ev.data.params and ev.data.params.value
    if type(value) == 'table' and value.kind == 'end' and not indexed_at then
      indexed_at = ms(started)
    end
  end,
})

vim.api.nvim_create_autocmd('LspAttach', {
  once = true,
  callback = function(ev)
    local client = vim.lsp.get_client_by_id(ev.data.client_id)
    if not client or client.name ~= 'newsmark' then
      return
    end
    local doc = { uri = vim.uri_from_bufnr(ev.buf) }
    local requests = {
      ['textDocument/hover'] = { textDocument = doc, position = on_id },
      ['textDocument/definition'] = { textDocument = doc, position = on_id },
      ['textDocument/completion'] = {
        textDocument = doc,
        position = after_at,
        context = { triggerKind = 2, triggerCharacter = '@' },
      },
      ['textDocument/prepareRename'] = { textDocument = doc, position = on_id },
      ['textDocument/rename'] = { textDocument = doc, position = on_id, newName = 'tony-blinken' },
    }
    sent_at = ms(started)
    for method, params in pairs(requests) do
      pending = pending + 1
      client:request(method, params, function(err, result)
        answers[method] = { err = err, result = result, at = ms(started) }
        pending = pending - 1
      end, ev.buf)
    end
  end,
})

vim.cmd.edit(vim.fn.fnameescape(article))
local all_answered = vim.wait(TIMEOUT, function()
  return sent_at ~= nil and pending == 0
end, 10)
-- Only to report how long indexing took, after every request was answered.
vim.wait(TIMEOUT, function()
  return indexed_at ~= nil
end, 10)
out(('# %d files; requests sent %.0f ms after start, indexing ended at %s ms'):format(
  nfiles,
  sent_at or -1,
  indexed_at and ('%.0f'):format(indexed_at) or '?'
))

local function answer(method)
  assert(all_answered, 'not every request was answered within ' .. TIMEOUT .. ' ms')
  local a = assert(answers[method], method .. ': no answer')
  assert(not a.err, ('%s: error %s'):format(method, vim.inspect(a.err)))
  return a.result, a.at
end

check('the requests were sent while the server was still indexing', function()
  assert(sent_at, 'the client never attached')
  assert(indexed_at, 'the server reported no end of indexing ($/progress)')
  assert(
    sent_at < indexed_at,
    ('indexing ended at %.0f ms, before the requests (%.0f ms): make the workspace larger'):format(indexed_at, sent_at)
  )
end)

check('the first hover names the actor', function()
  local result, at = answer('textDocument/hover')
  local c = result and result.contents
  local value = type(c) == 'string' and c or (c and c.value) or vim.inspect(c)
  assert(
    value:find('Antony Blinken', 1, true) and value:find('Secretary of State', 1, true),
    ('hover answered at %.0f ms: %s'):format(at, value)
  )
end)

check('the first definition lands on blinken: in actors.yaml', function()
  local result, at = answer('textDocument/definition')
  local loc = result and (result.uri and result or result[1])
  assert(loc, ('definition answered at %.0f ms: %s'):format(at, vim.inspect(result)))
  local uri = loc.uri or loc.targetUri
  local range = loc.range or loc.targetSelectionRange
  assert(vim.uri_to_fname(uri) == vim.fs.normalize(registry) or vim.uri_to_fname(uri):match('/actors%.yaml$'), 'in ' .. uri)
  local reg = vim.split(read(registry), '\n', { plain = true })
  assert(reg[range.start.line + 1]:match('^blinken:'), 'on line ' .. (range.start.line + 1) .. ': ' .. reg[range.start.line + 1])
end)

check('the first completion after (@ offers the registry ids', function()
  local result, at = answer('textDocument/completion')
  local items = result and (result.items or result) or {}
  local ids = {}
  for _, item in ipairs(items) do
    ids[(item.label:gsub('^@', ''))] = true
  end
  for _, want in ipairs({ 'blinken', 'biden', 'cnn', 'state-department' }) do
    assert(ids[want], ('completion answered at %.0f ms without %s: %s'):format(at, want, vim.inspect(vim.tbl_keys(ids))))
  end
end)

check('the first prepareRename accepts the id', function()
  local result, at = answer('textDocument/prepareRename')
  assert(result, ('prepareRename answered at %.0f ms: null'):format(at))
  local range = result.range or result
  assert(range.start and range.start.line == row, 'range: ' .. vim.inspect(result))
end)

check('the first rename edits every file that uses @blinken, and only those', function()
  local result, at = answer('textDocument/rename')
  assert(result, ('rename answered at %.0f ms: null'):format(at))
  local edited = {}
  for uri, edits in pairs(result.changes or {}) do
    edited[uri] = #edits
  end
  for _, change in ipairs(result.documentChanges or {}) do
    if change.textDocument then
      edited[change.textDocument.uri] = (edited[change.textDocument.uri] or 0) + #change.edits
    end
  end
  local missing, wrong = {}, {}
  for uri, uses in pairs(users) do
    if edited[uri] == nil then
      missing[#missing + 1] = uri
    elseif edited[uri] ~= uses then
      wrong[#wrong + 1] = ('%s: %d edits for %d uses'):format(uri, edited[uri], uses)
    end
  end
  for uri in pairs(edited) do
    if not users[uri] then
      wrong[#wrong + 1] = uri .. ' is edited but does not use @blinken'
    end
  end
  assert(
    #missing == 0 and #wrong == 0,
    ('rename answered at %.0f ms: %d of %d files not edited (e.g. %s); %s'):format(
      at,
      #missing,
      vim.tbl_count(users),
      missing[1] or '-',
      table.concat(wrong, '; ', 1, math.min(#wrong, 3))
    )
  )
end)

out(('%d passed, %d failed'):format(t.passed, t.failed))
for _, c in ipairs(vim.lsp.get_clients({ name = 'newsmark' })) do
  c:stop(true)
end
os.exit(t.failed == 0 and 0 or 1)
