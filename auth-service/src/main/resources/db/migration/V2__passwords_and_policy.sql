-- Password history (for "not one of your last N"), the administrator's password policy, and which expiry
-- warnings were sent for which password, so several replicas never send one twice.
alter table app_user
    add column two_factor_enabled boolean     not null default false,
    add column locked_at          timestamptz;

-- id orders entries even when two changes share a timestamp.
create table password_history (
    id            bigserial   primary key,
    user_id       uuid        not null references app_user (id) on delete cascade,
    password_hash text        not null,
    created_at    timestamptz not null
);
create index password_history_user on password_history (user_id, id desc);

-- One row: the rules in force, as JSON, with who changed them last.
create table password_policy (
    id         smallint primary key default 1,
    rules      text        not null,
    updated_at timestamptz not null,
    updated_by text        not null,
    constraint password_policy_single check (id = 1)
);

-- days_before 14, 7, 1 for "expiring soon", 0 for "expired"; keyed by the password's change time.
create table password_expiry_notice (
    user_id             uuid        not null references app_user (id) on delete cascade,
    password_changed_at timestamptz not null,
    days_before         int         not null,
    sent_at             timestamptz not null,
    primary key (user_id, password_changed_at, days_before)
);
