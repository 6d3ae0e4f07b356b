-- Ends a session and queues its session.revoked event, atomically; does nothing if the session is gone or
-- is not the expected one (compare-and-delete), so a revocation is reported once.
-- KEYS: 1 session hash, 2 public-id pointer, 3 user index, 4 event outbox
-- ARGV: 1 expected public id, 2 event key, 3 event json
if redis.call('HGET', KEYS[1], FIELD.publicId) ~= ARGV[1] then
  return 0
end
redis.call('DEL', KEYS[1], KEYS[2])
redis.call('ZREM', KEYS[3], ARGV[1])
redis.call('XADD', KEYS[4], '*', FIELD.eventKey, ARGV[2], FIELD.eventJson, ARGV[3])
return 1
