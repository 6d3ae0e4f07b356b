-- TOTP secrets, encrypted (AES-GCM, key id in the value), pending until the first code confirms them.
create table two_factor (
    user_id          uuid primary key references app_user (id) on delete cascade,
    secret_encrypted text        not null,
    status           text        not null,
    created_at       timestamptz not null,
    enabled_at       timestamptz,
    -- The last accepted time step: a code is accepted once, never again (replay).
    last_used_step   bigint      not null default 0,
    constraint two_factor_status check (status in ('PENDING', 'ACTIVE'))
);

-- Single-use recovery codes, stored as SHA-256 (80 random bits each, so a fast hash is enough).
create table recovery_code (
    user_id    uuid        not null references app_user (id) on delete cascade,
    code_hash  text        not null,
    created_at timestamptz not null,
    used_at    timestamptz,
    primary key (user_id, code_hash)
);
