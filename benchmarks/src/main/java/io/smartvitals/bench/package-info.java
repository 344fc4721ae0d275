/**
 * Load and benchmark clients that run in their own process and drive a server over HTTP:
 * {@link io.smartvitals.bench.VitalsLoadCommand} fills a tenant with N patients x M vitals;
 * {@link io.smartvitals.bench.VitalsBenchmark} compares ingest and search throughput with a layer
 * switched on and off, in the same run.
 */
package io.smartvitals.bench;
