-- The Neovim end-to-end test of the language server (run by nvim_test.go):
-- open a file, wait for the server's diagnostics, ask for hover, definition
-- and completion, apply a code action, rename a Target from a file that
-- imports it, and write what came back, one fact a line, to $MCSF_OUT. Neovim 0.7's API: start_client and buf_attach_client.
local out = {}
local function log(...)
  local parts = {}
  for _, v in ipairs({ ... }) do
    table.insert(parts, tostring(v))
  end
  table.insert(out, table.concat(parts, ' '))
end
local function finish()
  vim.fn.writefile(out, vim.env.MCSF_OUT)
  vim.cmd('qall!')
end

local ok, err = pcall(function()
  vim.cmd('edit ' .. vim.fn.fnameescape(vim.env.MCSF_FILE))
  local buf = vim.api.nvim_get_current_buf()
  local id = vim.lsp.start_client({
    name = 'mcsf',
    cmd = { vim.env.MCSF_SERVER },
    cmd_env = { MCSF_LSP_TEST_SERVE = '1' },
    root_dir = vim.fn.fnamemodify(vim.env.MCSF_FILE, ':h'),
  })
  vim.lsp.buf_attach_client(buf, id)
  local function code(d)
    return (d.user_data and d.user_data.lsp and d.user_data.lsp.code) or d.code
  end
  if not vim.wait(20000, function() return #vim.diagnostic.get(buf) > 0 end, 20) then
    log('no diagnostics')
    return
  end
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    log('diagnostic', d.lnum, d.col, d.end_col, code(d), d.severity)
  end
  local uri = vim.uri_from_bufnr(buf)
  local function request(method, params)
    local res = vim.lsp.buf_request_sync(buf, method, params, 10000)
    return res and res[id] and res[id].result
  end
  local function at(line, character)
    return { textDocument = { uri = uri }, position = { line = line, character = character } }
  end
  local target_ref = tonumber(vim.env.MCSF_REF_LINE)
  local h = request('textDocument/hover', at(target_ref, 22))
  log('hover', h and h.contents.value:match('^[^\n]*') or 'none')
  local defs = request('textDocument/definition', at(target_ref, 22)) or {}
  for _, l in ipairs(defs) do
    log('definition', l.range.start.line, l.range.start.character)
  end
  local comp = request('textDocument/completion', at(target_ref, 21)) or {}
  for _, item in ipairs(comp.items or comp) do
    log('completion', item.label)
  end
  -- The code action of the first finding, if the rule has a fix.
  local first = vim.diagnostic.get(buf)[1]
  local range = { start = { line = first.lnum, character = first.col }, ['end'] = { line = first.end_lnum, character = first.end_col } }
  local actions = request('textDocument/codeAction', { textDocument = { uri = uri }, range = range, context = { diagnostics = {} } }) or {}
  if #actions == 0 then
    log('actions none')
    return
  end
  log('action', actions[1].title)
  local before = #vim.diagnostic.get(buf)
  vim.lsp.util.apply_workspace_edit(actions[1].edit, 'utf-16')
  local fixed = vim.wait(20000, function() return #vim.diagnostic.get(buf) < before end, 20)
  log('after action', fixed and 'finding gone' or 'finding still there', vim.api.nvim_buf_get_lines(buf, first.lnum, first.lnum + 1, false)[1])
  -- After that edit (inside a value: the server moves its reading of the
  -- text instead of reading it again), hover on a Setting: the catalog's
  -- description is its third line.
  local hs = request('textDocument/hover', at(tonumber(vim.env.MCSF_SETTING_LINE), tonumber(vim.env.MCSF_SETTING_CHAR)))
  log('setting hover', hs and vim.split(hs.contents.value, '\n')[3] or 'none')
  -- A file that imports this one: renaming the Target from its TargetRef
  -- renames it in both files, this one as the editor holds it (unsaved).
  vim.cmd('edit ' .. vim.fn.fnameescape(vim.env.MCSF_ROOT))
  local root = vim.api.nvim_get_current_buf()
  vim.lsp.buf_attach_client(root, id)
  local root_ref = tonumber(vim.env.MCSF_ROOT_REF_LINE)
  local edit = vim.lsp.buf_request_sync(root, 'textDocument/rename', {
    textDocument = { uri = vim.uri_from_bufnr(root) }, position = { line = root_ref, character = 22 }, newName = 'Fabrikam',
  }, 10000)
  edit = edit and edit[id] and edit[id].result
  if not edit then
    log('rename none')
    return
  end
  vim.lsp.util.apply_workspace_edit(edit, 'utf-16')
  log('renamed root', vim.trim(vim.api.nvim_buf_get_lines(root, root_ref, root_ref + 1, false)[1]))
  for _, l in ipairs(vim.api.nvim_buf_get_lines(buf, 0, -1, false)) do
    if l:find('Fabrikam', 1, true) then
      log('renamed imported', vim.trim(l))
    end
  end
end)
if not ok then
  log('error', err)
end
finish()
