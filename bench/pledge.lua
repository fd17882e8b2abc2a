-- wrk script: pledge and withdraw against one action, rotating bearer tokens.
-- Each thread takes its own slice of the tokens and walks it: a pledge for every token,
-- then a withdrawal for every token, and so on, so every request is a real change.
-- Environment: TOKENS (file, one per line), ACTION (action id), THREADS (wrk's -t).

local tokens = {}
for line in io.lines(os.getenv("TOKENS")) do
  tokens[#tokens + 1] = line
end
local action = os.getenv("ACTION")
local path = "/api/v1/actions/" .. action .. "/pledges"

local next_id = 0

-- setup runs in wrk's main state, once per thread, before the threads start.
function setup(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
end

-- The requests are written once, at start: formatting one per request in Lua would cost the
-- load generator, which shares the machine's cores with the server, more than the server's
-- own work on /healthz, and the figure would measure wrk.
local pledges, withdrawals, position, pledging

function init(args)
  local n = tonumber(os.getenv("THREADS")) or 1
  local id = tonumber(wrk.thread:get("id")) or 0
  local slice = math.floor(#tokens / n)
  pledges, withdrawals = {}, {}
  for i = id * slice + 1, id * slice + slice do
    local headers = { ["Authorization"] = "Bearer " .. tokens[i] }
    pledges[#pledges + 1] = wrk.format("POST", path, headers, "")
    withdrawals[#withdrawals + 1] = wrk.format("DELETE", path, headers, "")
  end
  position = 0
  pledging = true
end

function request()
  position = position + 1
  if position > #pledges then
    position = 1
    pledging = not pledging
  end
  return pledging and pledges[position] or withdrawals[position]
end
