/** Provisions each tenant's HAPI partition (one partition per tenant, named by the tenant id). */
package io.smartvitals.tenants.partition;
