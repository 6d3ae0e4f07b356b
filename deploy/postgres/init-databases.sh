#!/bin/sh
# Runs once, on an empty data directory: one database per service, each owned by its own login that can
# reach nothing else (no CREATEDB, no access to the other databases, PUBLIC's rights on them revoked).
set -eu

create() {
  name="$1"; role="$2"; password="$3"
  psql -v ON_ERROR_STOP=1 --username postgres --dbname postgres \
       -v role="$role" -v password="$password" -v db="$name" <<'SQL'
CREATE ROLE :"role" LOGIN PASSWORD :'password' NOSUPERUSER NOCREATEDB NOCREATEROLE;
CREATE DATABASE :"db" OWNER :"role";
REVOKE ALL ON DATABASE :"db" FROM PUBLIC;
SQL
}

create auth auth "$AUTH_DB_PASSWORD"
create tokens tokens "$TOKEN_DB_PASSWORD"
create audit audit "$AUDIT_DB_PASSWORD"
