-- Roles a tenant's operator grants to its users beyond their kind. "auditor": the user may be
-- granted AuditEvent scopes (reading the tenant's audit trail); nobody else is, whatever an app asks.
create table auth_user_role (
    tenant_id  varchar(40) not null,
    username   varchar(64) not null,
    role       varchar(32) not null,
    granted_at timestamp   not null,
    primary key (tenant_id, username, role),
    foreign key (tenant_id, username) references auth_user (tenant_id, username)
);
