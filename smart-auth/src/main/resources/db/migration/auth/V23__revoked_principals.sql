-- Every token issued to a principal before not_before is refused: at the FHIR API (every node polls
-- this table, like auth_revoked_token), at /token (refresh) and at /introspect. One row per principal,
-- moved forward by each revoking change (user disabled, locked, MFA reset or role removed; client
-- disabled; tenant suspended). kind: 'user' (principal = username), 'client' (client id), 'tenant' ('*').
create table auth_revoked_principal (
    tenant_id  varchar(64)  not null,
    kind       varchar(16)  not null,
    principal  varchar(128) not null,
    not_before timestamp    not null,
    reason     varchar(64)  not null,
    primary key (tenant_id, kind, principal)
);
create index auth_revoked_principal_not_before on auth_revoked_principal (not_before);
