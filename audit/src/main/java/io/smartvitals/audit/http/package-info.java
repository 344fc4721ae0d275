/**
 * HTTP-level audit plumbing: the request id every log line and audit record carries, the filter
 * that records each admin API call, and the evidence of requests refused in front of HAPI.
 */
package io.smartvitals.audit.http;
