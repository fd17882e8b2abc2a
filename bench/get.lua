-- wrk script: read one action's counts, rotating bearer tokens.
-- Environment: TOKENS (file, one per line), ACTION (action id).
-- The requests are written once, at start, so that the load generator spends its share of
-- the cores on sending them, not on formatting them in Lua.

local path = "/api/v1/actions/" .. os.getenv("ACTION")
local requests = {}
for line in io.lines(os.getenv("TOKENS")) do
  requests[#requests + 1] = wrk.format("GET", path, { ["Authorization"] = "Bearer " .. line })
end
local position = math.random(#requests)

function request()
  position = position % #requests + 1
  return requests[position]
end
