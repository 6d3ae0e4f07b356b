-- An owner an administrator disabled: their tokens stop like a locked owner's; enabling lifts only this.
alter table token_owner add column disabled boolean not null default false;
