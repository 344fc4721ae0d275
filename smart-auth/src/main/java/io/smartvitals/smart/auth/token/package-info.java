/**
 * The token endpoint's SMART parts: access-token claims, the SMART token response, and Backend
 * Services client assertions (RFC 7523) with replay protection.
 */
package io.smartvitals.smart.auth.token;
