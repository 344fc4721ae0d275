-- One owner per stored search (issue 21): the tenant and, for a token holder's search, the token's
-- owner, in one row checked by one interceptor (PagingLinkOwner). Rows of the old token table are
-- dropped: their searches expire within hours, and a link without its owner row is refused.
ALTER TABLE vitals_search_owner ADD COLUMN owner VARCHAR(600);
DROP TABLE access_search_owner;
