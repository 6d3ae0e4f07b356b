#!/bin/sh
# Starts Redis with one ACL user per service (docs/architecture.md, "Redis"): each limited to its own keys and the
# commands it sends; the default user is off, so a client without a user name and password gets NOAUTH. The
# passwords come from .env through the environment and reach the ACL file only as SHA-256 hashes; the file lives
# in the container, never in the image. The rules are RedisAcl's (embedded-infra), which ComposeFileTest checks.
set -eu

hash() {
  printf '%s' "$1" | sha256sum | cut -d ' ' -f 1
}

# The container's health check signs in as a user that may only PING, with a password made up at each start.
umask 077
head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' > /tmp/healthcheck-password

acl=/tmp/users.acl
{
  echo "user default off resetkeys resetchannels -@all"
  echo "user healthcheck on #$(hash "$(cat /tmp/healthcheck-password)") resetkeys resetchannels -@all +ping"
  echo "user gateway on #$(hash "$GATEWAY_REDIS_PASSWORD") resetkeys ~request_rate_limiter.* resetchannels -@all +hello +auth +ping +client|setname +client|setinfo +evalsha +eval +get +setex +time"
  echo "user auth-service on #$(hash "$AUTH_REDIS_PASSWORD") resetkeys ~warden:auth:attempts:* ~warden:auth:codes:* ~warden:auth:mfa:* ~warden:auth:passkey:* resetchannels -@all +hello +auth +ping +client|setname +client|setinfo +info +evalsha +eval +hget +hmget +hset +hmset +hincrby +zadd +zcard +zrem +zremrangebyscore +del +expire +pexpire +set +getdel"
  echo "user session-service on #$(hash "$SESSION_REDIS_PASSWORD") resetkeys ~warden:session:* resetchannels -@all +hello +auth +ping +client|setname +client|setinfo +info +evalsha +eval +get +set +exists +del +rename +pexpire +pttl +hget +hset +hgetall +zadd +zrange +zscore +zrem +zremrangebyscore +zremrangebyrank +xadd +xgroup|create +xreadgroup +xack +xdel +xlen +xpending +xclaim"
  echo "user notification-service on #$(hash "$NOTIFICATION_REDIS_PASSWORD") resetkeys ~warden:notify:sent:* ~warden:notify:user:* resetchannels -@all +hello +auth +ping +client|setname +client|setinfo +info +exists +set +hmget +hset +hmset +hdel +expire +pexpire"
} > "$acl"
chown redis:redis "$acl"

# The image's entry point drops root before it starts redis-server.
exec docker-entrypoint.sh redis-server --aclfile "$acl" "$@"
