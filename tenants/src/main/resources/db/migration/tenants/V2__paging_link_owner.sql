-- Which tenant created each HAPI search (paging links carry the search uuid as _getpages).
-- HAPI does not check a search's partition when serving its pages, so we do.
CREATE TABLE vitals_search_owner (
    search_uuid  VARCHAR(64)  NOT NULL PRIMARY KEY,
    tenant_id    VARCHAR(40)  NOT NULL,
    created_at   TIMESTAMP    NOT NULL
);
CREATE INDEX vitals_search_owner_created ON vitals_search_owner (created_at);
