-- wrk script: sign-in through the gateway, a different user each request, as browsers would.
-- WARDEN_BENCH_USERS names a file of "email password" lines.
local users = {}
for line in io.lines(os.getenv("WARDEN_BENCH_USERS")) do
  local email, password = line:match("^(%S+) (.+)$")
  users[#users + 1] = { email, password }
end
local i = 0
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"

request = function()
  i = (i % #users) + 1
  return wrk.format(nil, nil, nil, '{"email":"' .. users[i][1] .. '","password":"' .. users[i][2] .. '"}')
end
