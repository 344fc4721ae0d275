-- Failed sign-ins per tenant and source address (an IPv6 source by its /64), for the per-source
-- throttle that comes before any account's own lock. A row is forgotten after the throttle's window.
create table auth_login_source (
    tenant_id       varchar(64) not null,
    source          varchar(64) not null,
    failed_count    integer     not null,
    last_failure_at timestamp   not null,
    primary key (tenant_id, source)
);
create index auth_login_source_last_failure on auth_login_source (last_failure_at);
