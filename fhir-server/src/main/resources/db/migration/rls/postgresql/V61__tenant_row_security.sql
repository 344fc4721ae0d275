-- The second wall (docs/operate/deployment.md "Row-level security"): on every table of ours keyed by
-- tenant, a row is visible to a connection only when the connection's vitals.tenant setting is
-- that row's tenant. TenantScopedDataSource sets it at every checkout: to the tenant a request's
-- URL names, or to '' on the server's own threads (audit chainer, export workers, sweeps,
-- start-up), which run fixed queries over every tenant. FORCE: the application's role owns
-- these tables, and owners are exempt otherwise. New rows are not restricted (an audit record of
-- a refused request may belong to the server's chain); reads, updates and deletes are.
-- Superusers and BYPASSRLS roles skip all policies: connect as an ordinary role.
DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY[
        'auth_client', 'auth_user', 'auth_user_role', 'auth_tenant_policy', 'auth_signing_key',
        'auth_launch_context', 'auth_revoked_token', 'auth_revoked_principal',
        'auth_rotated_refresh_token', 'auth_client_assertion_jti', 'auth_login_source',
        'audit_record', 'audit_outbox', 'audit_chain_head', 'audit_checkpoint', 'vitals_search_owner']
    LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
        EXECUTE format('CREATE POLICY tenant_wall ON %I USING ('
            || 'coalesce(current_setting(''vitals.tenant'', true), '''') = '''' '
            || 'OR tenant_id = current_setting(''vitals.tenant'', true)) WITH CHECK (true)', t);
    END LOOP;
END $$;

ALTER TABLE bulk_export_file ENABLE ROW LEVEL SECURITY;
ALTER TABLE bulk_export_file FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_wall ON bulk_export_file
    USING (coalesce(current_setting('vitals.tenant', true), '') = '' OR tenant = current_setting('vitals.tenant', true))
    WITH CHECK (true);
