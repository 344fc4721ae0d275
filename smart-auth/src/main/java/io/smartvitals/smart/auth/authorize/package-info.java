/**
 * The authorization endpoint's SMART rules: {@code aud}, exact redirect URIs, the scope ceiling,
 * EHR {@code launch}, RFC 9207 {@code iss} in every response, and the user's choices on the approval page.
 */
package io.smartvitals.smart.auth.authorize;
