-- Creates a session and queues its session.created event, atomically. Refuses (0, nothing written) when a session is
-- stored under this hash already: a cookie value names one session, and a repeated one must not take over another's.
-- KEYS: 1 session hash, 2 public-id pointer, 3 user index (zset), 4 user's known devices (zset), 5 event outbox (stream)
-- ARGV: 1 ttl ms, 2 absolute expiry (epoch ms), 3 public id, 4 now (epoch ms), 5 device fingerprint,
--       6 devices kept per user, 7 absolute lifetime ms, 8 devices retention ms, 9 event key, 10 event json,
--       11.. session hash field/value pairs
if redis.call('EXISTS', KEYS[1]) == 1 then
  return 0
end
redis.call('HSET', KEYS[1], unpack(ARGV, 11))
redis.call('PEXPIRE', KEYS[1], ARGV[1])
redis.call('SET', KEYS[2], KEYS[1], 'PX', ARGV[7])
redis.call('ZADD', KEYS[3], ARGV[2], ARGV[3])
if redis.call('PTTL', KEYS[3]) < tonumber(ARGV[7]) then
  redis.call('PEXPIRE', KEYS[3], ARGV[7])
end
redis.call('ZADD', KEYS[4], ARGV[4], ARGV[5])
redis.call('ZREMRANGEBYRANK', KEYS[4], 0, -(tonumber(ARGV[6]) + 1))
redis.call('PEXPIRE', KEYS[4], ARGV[8])
redis.call('XADD', KEYS[5], '*', FIELD.eventKey, ARGV[9], FIELD.eventJson, ARGV[10])
return 1
