/**
 * The per-tenant hash chain: canonical serialization of a record, its SHA-256 link to the one
 * before, signed checkpoints left by purges, and verification that names the first broken link.
 */
package io.smartvitals.audit.chain;
