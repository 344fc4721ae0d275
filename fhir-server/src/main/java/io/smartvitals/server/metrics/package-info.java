/**
 * Prometheus series (docs/operate/deployment.md lists them). Every tag value comes from a closed set or a
 * bounded one ({@link io.smartvitals.server.metrics.TenantTag}), never from request text, so a
 * client cannot grow the series and no id, token or PHI reaches a label.
 */
package io.smartvitals.server.metrics;
