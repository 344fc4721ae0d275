/**
 * Getting records into the store durably and fast: one writer per node group-commits whatever
 * request threads have queued, while each of those threads waits for its own record's commit.
 */
package io.smartvitals.audit.write;
