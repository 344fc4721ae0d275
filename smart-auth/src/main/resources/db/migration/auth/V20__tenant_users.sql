-- People who log in at a tenant's authorization server. Usernames are unique per tenant only,
-- so a user of tenant A can never log in at tenant B. The password is an adaptive hash
-- ({bcrypt}...), the TOTP secret is sealed under the key-encryption key.
create table auth_user (
    tenant_id          varchar(40)  not null,
    username           varchar(64)  not null,
    password_hash      varchar(255) not null,
    fhir_user          varchar(140) not null,
    kind               varchar(16)  not null,
    tenant_wide        boolean      not null,
    disabled           boolean      not null,
    totp_secret_sealed varchar(512),
    mfa_enrolled       boolean      not null,
    totp_last_step     bigint,
    failed_count       integer      not null,
    last_failure_at    timestamp,
    locked_until       timestamp,
    created_at         timestamp    not null,
    last_login_at      timestamp,
    primary key (tenant_id, username)
);

-- Each tenant's login policy; a tenant without a row does not require MFA.
create table auth_tenant_policy (
    tenant_id    varchar(40) primary key,
    mfa_required boolean     not null,
    updated_at   timestamp   not null
);
