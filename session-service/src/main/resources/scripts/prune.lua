-- Drops a user's index entry (and its public-id pointer) for a session that is gone, but only if nothing moved
-- meanwhile: a renewal renames the session and repoints the pointer, and a listing that read the old name just
-- before must not mistake the renamed session for a vanished one.
-- KEYS: 1 public-id pointer, 2 user index
-- ARGV: 1 the session key the pointer held when read ('' if none), 2 public id
local current = redis.call('GET', KEYS[1])
if current == false then
  redis.call('ZREM', KEYS[2], ARGV[2])
  return 1
end
if current == ARGV[1] and redis.call('EXISTS', current) == 0 then
  redis.call('DEL', KEYS[1])
  redis.call('ZREM', KEYS[2], ARGV[2])
  return 1
end
return 0
