-- wrk script: session introspection as the gateway calls it, a different live session each request.
-- WARDEN_BENCH_SECRETS names a file of session secrets (one per line); WARDEN_INTERNAL_KEY the service key.
local secrets = {}
for line in io.lines(os.getenv("WARDEN_BENCH_SECRETS")) do
  secrets[#secrets + 1] = line
end
local i = 0
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["X-Warden-Internal-Key"] = os.getenv("WARDEN_INTERNAL_KEY")

request = function()
  i = (i % #secrets) + 1
  return wrk.format(nil, nil, nil, '{"secret":"' .. secrets[i] .. '"}')
end
