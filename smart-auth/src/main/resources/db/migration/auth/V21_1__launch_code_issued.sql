-- A claimed launch is re-admitted for the same client (the authorize request comes again after
-- login) until an approval has used it; code_issued_at records that approval.
alter table auth_launch_context add column code_issued_at timestamp;
