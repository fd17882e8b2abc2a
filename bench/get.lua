-- wrk script: read one action's counts, rotating bearer tokens.
-- Environment: TOKENS (file, one per line), ACTION (action id).

local tokens = {}
for line in io.lines(os.getenv("TOKENS")) do
  tokens[#tokens + 1] = line
end
local path = "/api/v1/actions/" .. os.getenv("ACTION")
local position = math.random(#tokens)

function request()
  position = position % #tokens + 1
  return wrk.format("GET", path, { ["Authorization"] = "Bearer " .. tokens[position] })
end
