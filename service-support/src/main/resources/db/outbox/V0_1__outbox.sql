-- Transactional outbox: a row is written in the same transaction as the state change it reports,
-- then relayed to Kafka and deleted. A Kafka outage only delays rows; none is lost.
create table outbox_event (
    seq         bigserial primary key,
    event_id    text        not null unique,
    topic       text        not null,
    message_key text        not null,
    payload     text        not null,
    created_at  timestamptz not null default now(),
    attempts    integer     not null default 0
);
