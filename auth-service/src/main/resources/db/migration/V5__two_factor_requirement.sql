-- The policy's rule twoFactorRequiredFor (roles whose holders must use two-factor authentication) is one more
-- key of the rules' JSON. A policy saved before the rule existed requires it of nobody, as it did then.
update password_policy
   set rules = (rules::jsonb || '{"twoFactorRequiredFor": []}'::jsonb)::text
 where rules::jsonb -> 'twoFactorRequiredFor' is null;
