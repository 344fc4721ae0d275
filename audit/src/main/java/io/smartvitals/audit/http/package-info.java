/**
 * HTTP-level audit plumbing: the request id every log line and audit record carries, and the
 * filter that records each admin API call before its response leaves the server.
 */
package io.smartvitals.audit.http;
