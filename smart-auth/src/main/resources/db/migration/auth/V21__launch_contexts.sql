-- EHR launch contexts. Only a SHA-256 (hex) of the opaque launch value is stored; a launch is
-- claimed once (used_at set by a conditional UPDATE), by one client, before it expires.
create table auth_launch_context (
    value_hash        varchar(64)   primary key,
    tenant_id         varchar(40)   not null,
    patient_id        varchar(64)   not null,
    encounter_id      varchar(64),
    fhir_context      varchar(4000),
    created_at        timestamp     not null,
    expires_at        timestamp     not null,
    used_at           timestamp,
    claimed_by_client varchar(128)
);
create index auth_launch_context_expires on auth_launch_context (expires_at);
