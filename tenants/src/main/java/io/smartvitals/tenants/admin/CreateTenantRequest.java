package io.smartvitals.tenants.admin;

/** Body of {@code POST /admin/tenants}. */
public record CreateTenantRequest(String id, String displayName, String plan) {}
