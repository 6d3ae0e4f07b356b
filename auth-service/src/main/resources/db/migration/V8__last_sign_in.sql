-- When each user last completed a sign-in, for administrators.
alter table app_user add column last_sign_in_at timestamptz;
create index app_user_email_lower on app_user (lower(email) text_pattern_ops);
