-- Passkeys (WebAuthn credentials). Nothing here is secret: the private key never leaves the authenticator.
create table passkey (
    id                       uuid primary key,
    user_id                  uuid        not null references app_user (id) on delete cascade,
    -- The authenticator's id for the credential (raw bytes, at most 1023 by WebAuthn).
    credential_id            bytea       not null unique,
    name                     text        not null,
    -- AAGUID, credential id and COSE public key, as webauthn4j's AttestedCredentialDataConverter writes them.
    attested_credential_data bytea       not null,
    -- The last signature counter seen: an assertion must raise it (unless the authenticator keeps none, 0).
    sign_count               bigint      not null,
    user_verified            boolean     not null,
    backup_eligible          boolean     not null,
    backed_up                boolean     not null,
    transports               text        not null default '',
    -- Where it was made ("Chrome on Linux"), to tell one passkey from another.
    device_hint              text,
    created_at               timestamptz not null,
    last_used_at             timestamptz,
    constraint passkey_name_length check (char_length(name) between 1 and 64)
);

create index passkey_user on passkey (user_id);
