-- Access tokens are self-contained JWTs; revoking one records its jti here so every node's
-- FHIR endpoint refuses it (the interceptors poll this table). Rows can be purged after expires_at.
create table auth_revoked_token (
    jti        varchar(128) primary key,
    tenant_id  varchar(64)  not null,
    expires_at timestamp    not null,
    revoked_at timestamp    not null
);
create index auth_revoked_token_revoked_at on auth_revoked_token (revoked_at);
