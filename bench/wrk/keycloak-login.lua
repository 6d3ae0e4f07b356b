-- wrk script: Keycloak's password grant (direct access grant), a different user each request.
-- WARDEN_BENCH_USERS names a file of "username password" lines; the passwords are URL-safe.
local users = {}
for line in io.lines(os.getenv("WARDEN_BENCH_USERS")) do
  local username, password = line:match("^(%S+) (.+)$")
  users[#users + 1] = { username, password }
end
local i = 0
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"

request = function()
  i = (i % #users) + 1
  return wrk.format(nil, nil, nil, "grant_type=password&client_id=bench&scope=openid&username=" .. users[i][1]
    .. "&password=" .. users[i][2])
end
