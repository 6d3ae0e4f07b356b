-- Users of the portal. E-mail is unique case-insensitively; roles are a small fixed vocabulary.
create table app_user (
    id                       uuid primary key,
    email                    text        not null,
    display_name             text        not null,
    roles                    text[]      not null,
    status                   text        not null default 'ACTIVE',
    password_hash            text        not null,
    password_changed_at      timestamptz not null,
    password_change_required boolean     not null default false,
    created_at               timestamptz not null default now(),
    updated_at               timestamptz not null default now(),
    constraint app_user_status check (status in ('ACTIVE', 'LOCKED', 'DISABLED'))
);
create unique index app_user_email_key on app_user (lower(email));
