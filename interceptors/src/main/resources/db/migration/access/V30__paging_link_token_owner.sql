-- Which token (tenant, client, subject) created each HAPI search. A paging link (_getpages) is
-- served only to that same owner; vitals_search_owner (tenants) already binds it to the tenant.
CREATE TABLE access_search_owner (
    search_uuid  VARCHAR(64)  NOT NULL PRIMARY KEY,
    owner        VARCHAR(600) NOT NULL,
    created_at   TIMESTAMP    NOT NULL
);
CREATE INDEX access_search_owner_created ON access_search_owner (created_at);
