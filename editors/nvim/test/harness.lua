-- The little test harness the Neovim end-to-end scripts share: TAP-like lines
-- ("ok - name" / "not ok - name" and the error), a closing "N passed, N failed".
--   local t = dofile(vim.fs.dirname(arg[0]) .. '/harness.lua')
local M = { passed = 0, failed = 0 }

function M.out(s)
  io.stdout:write(s .. '\n')
  io.stdout:flush()
end

function M.check(name, fn)
  local ok, err = xpcall(fn, debug.traceback)
  if ok then
    M.passed = M.passed + 1
    M.out('ok - ' .. name)
  else
    M.failed = M.failed + 1
    M.out('not ok - ' .. name)
    M.out('  ' .. tostring(err):gsub('\n', '\n  '))
  end
end

function M.read(path)
  local f = assert(io.open(path, 'rb'))
  local s = f:read('*a')
  f:close()
  return s
end

function M.write(path, s)
  local f = assert(io.open(path, 'wb'))
  f:write(s)
  f:close()
end

return M
