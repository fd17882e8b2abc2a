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

local first, last, position, pledging

function init(args)
  local n = tonumber(os.getenv("THREADS")) or 1
  local id = tonumber(wrk.thread:get("id")) or 0
  local slice = math.floor(#tokens / n)
  first = id * slice + 1
  last = first + slice - 1
  position = first
  pledging = true
end

function request()
  local token = tokens[position]
  position = position + 1
  if position > last then
    position = first
    pledging = not pledging
  end
  return wrk.format(pledging and "POST" or "DELETE", path, { ["Authorization"] = "Bearer " .. token }, "")
end
