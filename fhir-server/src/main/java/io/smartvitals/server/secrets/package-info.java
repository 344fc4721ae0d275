/** Where the server's own secrets come from at start-up, and the one-line refusal when one is missing. */
package io.smartvitals.server.secrets;
