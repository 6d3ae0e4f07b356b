-- Why a password change is required, when it is not the administrator's or the policy's plain word:
-- 'breached' (found among breached passwords at a sign-in). Cleared with the change.
alter table app_user add column password_change_reason text;
