/**
 * What one audit record says: when, which tenant, who (and for whom), what action on which
 * resources and patients, the outcome and the rule that decided it; plus factories for security events.
 */
package io.smartvitals.audit.record;
