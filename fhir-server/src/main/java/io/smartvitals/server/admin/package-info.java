/** Guarding the operator's admin API ({@code /admin/**}) with the configured operator secret. */
package io.smartvitals.server.admin;
