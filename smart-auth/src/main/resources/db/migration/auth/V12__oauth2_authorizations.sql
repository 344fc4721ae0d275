-- Spring Authorization Server's authorization store (codes, access/refresh/id tokens in flight),
-- in portable types: varchar instead of blob so one script serves H2 and PostgreSQL.
create table oauth2_authorization (
    id                            varchar(100) not null primary key,
    registered_client_id          varchar(100) not null,
    principal_name                varchar(200) not null,
    authorization_grant_type      varchar(100) not null,
    authorized_scopes             varchar(4000),
    attributes                    varchar(100000),
    state                         varchar(500),
    authorization_code_value      varchar(4000),
    authorization_code_issued_at  timestamp with time zone,
    authorization_code_expires_at timestamp with time zone,
    authorization_code_metadata   varchar(20000),
    access_token_value            varchar(10000),
    access_token_issued_at        timestamp with time zone,
    access_token_expires_at       timestamp with time zone,
    access_token_metadata         varchar(40000),
    access_token_type             varchar(100),
    access_token_scopes           varchar(4000),
    oidc_id_token_value           varchar(10000),
    oidc_id_token_issued_at       timestamp with time zone,
    oidc_id_token_expires_at      timestamp with time zone,
    oidc_id_token_metadata        varchar(40000),
    refresh_token_value           varchar(4000),
    refresh_token_issued_at       timestamp with time zone,
    refresh_token_expires_at      timestamp with time zone,
    refresh_token_metadata        varchar(20000),
    user_code_value               varchar(4000),
    user_code_issued_at           timestamp with time zone,
    user_code_expires_at          timestamp with time zone,
    user_code_metadata            varchar(4000),
    device_code_value             varchar(4000),
    device_code_issued_at         timestamp with time zone,
    device_code_expires_at        timestamp with time zone,
    device_code_metadata          varchar(4000)
);
create index oauth2_authorization_state on oauth2_authorization (state);
create index oauth2_authorization_code on oauth2_authorization (authorization_code_value);
create index oauth2_authorization_access on oauth2_authorization (access_token_value);
create index oauth2_authorization_refresh on oauth2_authorization (refresh_token_value);

-- A rotated refresh token, remembered by digest: presenting it again revokes its whole family.
create table auth_rotated_refresh_token (
    token_digest     varchar(64)  not null primary key,
    authorization_id varchar(100) not null,
    tenant_id        varchar(64)  not null,
    rotated_at       timestamp    not null
);

-- Client assertion jti values seen (RFC 7523 replay protection on every node).
create table auth_client_assertion_jti (
    tenant_id  varchar(64)  not null,
    client_id  varchar(200) not null,
    jti        varchar(256) not null,
    expires_at timestamp    not null,
    primary key (tenant_id, client_id, jti)
);

-- Registered SMART clients of each tenant.
create table auth_client (
    id                     varchar(64)   not null primary key,
    tenant_id              varchar(64)   not null,
    client_id              varchar(200)  not null,
    name                   varchar(200)  not null,
    client_type            varchar(40)   not null,
    redirect_uris          varchar(4000) not null,
    allowed_scopes         varchar(4000) not null,
    launch_types           varchar(200)  not null,
    launch_uri             varchar(1000),
    jwks                   varchar(20000),
    jwks_url               varchar(1000),
    secret_digest          varchar(200),
    previous_secret_digest varchar(200),
    previous_secret_until  timestamp,
    owner                  varchar(200)  not null,
    purpose                varchar(1000) not null,
    expires_at             timestamp     not null,
    created_at             timestamp     not null,
    last_used_at           timestamp,
    disabled_at            timestamp,
    constraint auth_client_unique unique (tenant_id, client_id)
);
