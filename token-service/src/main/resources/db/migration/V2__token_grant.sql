-- The token grant the gateway signed when the token was made, kept as it came and handed back on introspection:
-- the gateway believes only what it signed. Tokens made before grants have none, and the gateway refuses them.
alter table api_token add column grant_jws text;
