-- Looks a session up by the hash of its secret and, at most once per touch interval, records activity and
-- slides the idle expiry: one round trip on the gateway's hot path, and no write on most requests.
-- KEYS: 1 session hash
-- ARGV: 1 now (epoch ms), 2 idle timeout ms, 3 touch interval ms
local values = redis.call('HGETALL', KEYS[1])
if #values == 0 then
  return nil
end
local session = {}
for i = 1, #values, 2 do
  session[values[i]] = values[i + 1]
end
local now = tonumber(ARGV[1])
local active = tonumber(session[FIELD.active])
local absolute = tonumber(session[FIELD.absoluteExpiry])
if now >= absolute or now - active >= tonumber(ARGV[2]) then
  -- Expired (by the service's clock): gone for good; pointer and index entries are pruned on listing.
  redis.call('DEL', KEYS[1])
  return nil
end
if now - active >= tonumber(ARGV[3]) then
  redis.call('HSET', KEYS[1], FIELD.active, ARGV[1])
  redis.call('PEXPIRE', KEYS[1], math.min(tonumber(ARGV[2]), absolute - now))
  return redis.call('HGETALL', KEYS[1])
end
return values
