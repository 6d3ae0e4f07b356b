-- When a temporary password (one an administrator or the bootstrap configuration set) stops working if it was
-- not replaced by then; null for a password the user chose. Passwords set before this column existed carry
-- no expiry: whether such a pending change came from a temporary password or from a raised policy is unknown.
alter table app_user add column temporary_password_expires_at timestamptz;
