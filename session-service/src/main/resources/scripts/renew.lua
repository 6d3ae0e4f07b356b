-- Moves a session to a new cookie value's hash (so a fixated or stolen old cookie dies) keeping its public id and
-- history, and queues session.renewed in the same step, so every gateway replica forgets the old cookie at once. The
-- grant auth-service signed was bound to the old cookie, so it goes too: the new cookie has none until auth-service
-- attaches one. Replies {'renewed', the grant held before ('' if none)}; {'gone'} if the session is not the expected
-- one or has expired (absolute lifetime or idle timeout); {'taken'} if a session is stored under the new hash already (nothing changed).
-- KEYS: 1 old session hash, 2 new session hash, 3 public-id pointer, 4 event outbox
-- ARGV: 1 expected public id, 2 now (epoch ms), 3 idle timeout ms, 4 event key, 5 event json, 6.. field/value updates
if redis.call('HGET', KEYS[1], FIELD.publicId) ~= ARGV[1] then
  return {'gone'}
end
-- Gone idle by the service's clock: gone for good, as introspection would find it (never brought back to life).
if tonumber(ARGV[2]) - tonumber(redis.call('HGET', KEYS[1], FIELD.active)) >= tonumber(ARGV[3]) then
  redis.call('DEL', KEYS[1])
  return {'gone'}
end
if redis.call('EXISTS', KEYS[2]) == 1 then
  return {'taken'}
end
local ttl = math.min(tonumber(ARGV[3]), tonumber(redis.call('HGET', KEYS[1], FIELD.absoluteExpiry)) - tonumber(ARGV[2]))
if ttl <= 0 then
  redis.call('DEL', KEYS[1])
  return {'gone'}
end
local grant = redis.call('HGET', KEYS[1], FIELD.grant) or ''
redis.call('RENAME', KEYS[1], KEYS[2])
if #ARGV >= 7 then
  redis.call('HSET', KEYS[2], unpack(ARGV, 6))
end
-- Emptied, not deleted: an empty grant is no grant, and HSET is already among this service's Redis commands.
redis.call('HSET', KEYS[2], FIELD.active, ARGV[2], FIELD.grant, '')
redis.call('PEXPIRE', KEYS[2], ttl)
redis.call('SET', KEYS[3], KEYS[2], 'KEEPTTL')
redis.call('XADD', KEYS[4], '*', FIELD.eventKey, ARGV[4], FIELD.eventJson, ARGV[5])
return {'renewed', grant}
