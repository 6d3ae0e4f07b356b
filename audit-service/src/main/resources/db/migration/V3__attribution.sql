-- Searchable columns for who did what from where. They are derived from type, subject and data by the service
-- (and re-derived by verification), so they add no trust of their own; rows written before V3 are filled in
-- by the same rules here.
alter table security_event
    add column actor_type text,
    add column actor_id   text,
    add column outcome    text,
    add column ip         text,
    add column user_agent text,
    add column session_id text,
    add column token_id   text;

update security_event set
    actor_type = case
        when data ->> 'actorId' is not null and data ->> 'actorId' is distinct from user_id then 'admin'
        when type in ('warden.password.expired', 'warden.password.expiring-soon', 'warden.token.expiring-soon',
                      'warden.token.expired', 'warden.account.locked', 'warden.audit.retention-applied') then 'system'
        else 'user' end,
    outcome = case when type in ('warden.login.failed', 'warden.password.change-failed', 'warden.account.locked')
        then 'failure' else 'success' end,
    ip = data ->> 'ip',
    user_agent = data ->> 'userAgent',
    session_id = data ->> 'sessionId',
    token_id = data ->> 'tokenId';
update security_event set actor_id = case actor_type
    when 'admin' then data ->> 'actorId' when 'user' then user_id end;

create index security_event_outcome_seq on security_event (outcome, seq desc);
create index security_event_actor_seq on security_event (actor_id, seq desc) where actor_type = 'admin';
