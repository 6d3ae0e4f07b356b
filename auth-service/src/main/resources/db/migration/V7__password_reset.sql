-- "Forgot password?": one reset per user at a time (a newer request replaces the older, whose code stops working).
-- id is the public part of the code; only the secret part's SHA-256 is kept. used_at marks it spent; the row stays
-- so a reused code is refused like any wrong one. window_start/window_count cap the mails per account and hour.
create table password_reset (
    user_id      uuid primary key references app_user (id) on delete cascade,
    id           text        not null unique,
    secret_hash  bytea       not null,
    created_at   timestamptz not null,
    expires_at   timestamptz not null,
    used_at      timestamptz,
    window_start timestamptz not null,
    window_count int         not null
);
