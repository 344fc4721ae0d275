/** The operator's JSON API for tenants under {@code /admin/tenants}. */
package io.smartvitals.tenants.admin;
