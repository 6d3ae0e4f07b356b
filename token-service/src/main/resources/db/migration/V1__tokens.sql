-- API tokens: only the SHA-256 of a token is stored, with the last four characters as a hint.
create table api_token (
    id                   uuid primary key,
    user_id              text        not null,
    name                 text        not null,
    role                 text        not null,
    token_hash           text        not null,
    hint                 text        not null,
    created_at           timestamptz not null,
    expires_at           timestamptz not null,
    revoked_at           timestamptz,
    revoked_reason       text,
    last_used_at         timestamptz,
    last_used_ip         text,
    last_used_user_agent text
);
create unique index api_token_hash on api_token (token_hash);
create index api_token_user on api_token (user_id, created_at desc);
create index api_token_expiry on api_token (expires_at) where revoked_at is null;

-- What token-service knows of each token owner, from auth-service's events: a token whose owner is locked,
-- or no longer holds the token's role, stops working.
create table token_owner (
    user_id      text primary key,
    email        text,
    display_name text,
    roles        text[]      not null,
    locked       boolean     not null default false,
    updated_at   timestamptz not null
);

-- Expiry notices sent, one row per token and kind ('7d', '1d', 'expired'): the unique key makes a notice go
-- out once even when several replicas run the job at the same moment.
create table token_notice (
    token_id uuid        not null references api_token (id) on delete cascade,
    kind     text        not null,
    sent_at  timestamptz not null,
    primary key (token_id, kind)
);

-- Events already applied to token_owner (consumers are idempotent by event id).
create table processed_event (
    event_id     text primary key,
    processed_at timestamptz not null
);
