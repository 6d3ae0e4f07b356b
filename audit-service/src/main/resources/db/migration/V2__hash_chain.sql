-- Tamper evidence: each row's hash covers the previous row's hash and this row's canonical form, so an edited
-- or deleted row breaks the chain from there on. One chain for the whole log, appended by one writer at a time
-- (a transaction-scoped advisory lock), so its order is the order of seq.
alter table security_event
    add column prev_hash text,
    add column hash      text;

create index security_event_user_seq on security_event (user_id, seq desc);

-- Where verification starts when retention has removed older rows: the hash the first kept row follows.
create table chain_anchor (
    id         smallint primary key default 1,
    prev_hash  text        not null,
    updated_at timestamptz not null,
    constraint chain_anchor_single check (id = 1)
);
