-- The chain becomes keyed: each row's link is an HMAC with a key audit-service holds (never stored here), and
-- the row names the key it was linked with, so keys can rotate. Rows linked before (plain SHA-256) keep a null
-- key id until audit-service checks their old chain and re-chains them with its key, once, at start-up.
alter table security_event add column key_id text;
