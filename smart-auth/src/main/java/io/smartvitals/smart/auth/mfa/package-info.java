/**
 * Second factor: RFC 6238 TOTP codes (HMAC-SHA1, 6 digits, 30 s, one step either side, each code
 * accepted once) and enrolment (secret sealed under the key-encryption key, otpauth:// URI).
 */
package io.smartvitals.smart.auth.mfa;
