/**
 * EHR launch: single-use, short-lived launch contexts (only a hash of the opaque value is stored),
 * the EHR-facing {@code POST /auth/{tenant}/launch} API, and the demo launcher page.
 */
package io.smartvitals.smart.auth.launch;
