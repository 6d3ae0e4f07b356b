-- wrk script: API token introspection as the gateway calls it, a different token each request.
-- WARDEN_BENCH_TOKENS names a file of token hashes (one per line, as ApiTokenFormat.hash makes them); WARDEN_SERVICE_AUTHORIZATION the gateway's
-- service token (Authorization value).
local tokens = {}
for line in io.lines(os.getenv("WARDEN_BENCH_TOKENS")) do
  tokens[#tokens + 1] = line
end
local i = 0
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = os.getenv("WARDEN_SERVICE_AUTHORIZATION")

request = function()
  i = (i % #tokens) + 1
  return wrk.format(nil, nil, nil, '{"tokenHash":"' .. tokens[i] .. '","ip":"198.51.100.8","userAgent":"bench"}')
end
