-- wrk script: session introspection as the gateway calls it, a different live session each request.
-- WARDEN_BENCH_SECRETS names a file of the hashes of session cookie values (one per line); WARDEN_SERVICE_AUTHORIZATION the gateway's
-- service token (Authorization value).
local secrets = {}
for line in io.lines(os.getenv("WARDEN_BENCH_SECRETS")) do
  secrets[#secrets + 1] = line
end
local i = 0
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = os.getenv("WARDEN_SERVICE_AUTHORIZATION")

request = function()
  i = (i % #secrets) + 1
  return wrk.format(nil, nil, nil, '{"secretHash":"' .. secrets[i] .. '"}')
end
