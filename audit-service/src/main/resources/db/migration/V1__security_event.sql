-- The security log: one row per event, stored once whatever the redeliveries (unique event id).
create table security_event (
    seq         bigserial primary key,
    event_id    text        not null,
    type        text        not null,
    source      text        not null,
    user_id     text,
    occurred_at timestamptz not null,
    recorded_at timestamptz not null default now(),
    data        jsonb       not null,
    constraint security_event_event_id_key unique (event_id)
);
create index security_event_user_time on security_event (user_id, occurred_at desc, seq desc);
create index security_event_type_time on security_event (type, occurred_at desc, seq desc);
