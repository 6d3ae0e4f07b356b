-- Replaces a session's secret (so a fixated or stolen old cookie dies) keeping its public id and history, and
-- queues session.renewed in the same step, so every gateway replica forgets the old cookie at once.
-- KEYS: 1 old session hash, 2 new session hash, 3 public-id pointer, 4 event outbox
-- ARGV: 1 expected public id, 2 now (epoch ms), 3 idle timeout ms, 4 event key, 5 event json, 6.. field/value updates
if redis.call('HGET', KEYS[1], 'pid') ~= ARGV[1] then
  return 0
end
redis.call('RENAME', KEYS[1], KEYS[2])
if #ARGV >= 7 then
  redis.call('HSET', KEYS[2], unpack(ARGV, 6))
end
redis.call('HSET', KEYS[2], 'active', ARGV[2])
local ttl = math.min(tonumber(ARGV[3]), tonumber(redis.call('HGET', KEYS[2], 'abs')) - tonumber(ARGV[2]))
if ttl <= 0 then
  redis.call('DEL', KEYS[2])
  return 0
end
redis.call('PEXPIRE', KEYS[2], ttl)
redis.call('SET', KEYS[3], KEYS[2], 'KEEPTTL')
redis.call('XADD', KEYS[4], '*', 'k', ARGV[4], 'e', ARGV[5])
return 1
