/**
 * Deterministic synthetic data: the demo tenants' organizations, staff, patients and 30 days of
 * vitals, and single vital signs for benchmarks and tests. Same input, same resources.
 */
package io.smartvitals.server.demo;
