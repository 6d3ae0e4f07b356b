-- The language a user wants their e-mails (and, later, pages) in, as a BCP 47 tag; null means English.
alter table app_user add column locale text;
