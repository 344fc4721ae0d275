/**
 * What readiness means here: the database answers, the schema is migrated, every active tenant's
 * signing key can be unsealed with this node's key-encryption key, and audit records are being
 * chained. Each is a Spring Boot {@code HealthIndicator} over plain checks; the readiness group in
 * {@code application.yaml} names them.
 */
package io.smartvitals.server.health;
