-- Stores the grant auth-service signed for a session's cookie value, but only if the session stored under that
-- value's hash is still the user's live session with this public id: compare-and-set, so a grant for a cookie that
-- a renewal has just replaced (or for another user's session) never lands. A later grant replaces an earlier one.
-- KEYS: 1 session hash
-- ARGV: 1 expected public id, 2 expected user id, 3 now (epoch ms), 4 idle timeout ms, 5 grant
if redis.call('HGET', KEYS[1], FIELD.publicId) ~= ARGV[1] or redis.call('HGET', KEYS[1], FIELD.userId) ~= ARGV[2] then
  return 0
end
local now = tonumber(ARGV[3])
if now >= tonumber(redis.call('HGET', KEYS[1], FIELD.absoluteExpiry))
    or now - tonumber(redis.call('HGET', KEYS[1], FIELD.active)) >= tonumber(ARGV[4]) then
  return 0
end
redis.call('HSET', KEYS[1], FIELD.grant, ARGV[5])
return 1
