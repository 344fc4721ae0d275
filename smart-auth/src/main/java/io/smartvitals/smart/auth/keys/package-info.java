/**
 * Each tenant's token signing keys: RSA-2048 (verifying RS256 costs ~40 us, see PERFORMANCE.md),
 * private parts sealed under a key-encryption key, published as the tenant's JWKS, rotated so
 * that a new key is published before it signs and an old one stays published until the tokens
 * it signed have expired.
 */
package io.smartvitals.smart.auth.keys;
