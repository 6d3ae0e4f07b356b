-- The chain's anchor becomes tamper-evident: it names the seq of the first kept entry and carries an HMAC (with
-- the key named by key_id, which audit-service holds) over that seq and the link the entry follows. An anchor
-- written before (no mac) is trusted only as far as the old, unkeyed chain it starts.
alter table chain_anchor
    add column seq    bigint,
    add column key_id text,
    add column mac    text;
-- Rows linked before keys keep their null key id for good: audit-service never re-links a row it did not append.
