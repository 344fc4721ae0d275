/**
 * Getting records into the chains durably and fast: each node group-commits whatever request
 * threads have queued, while each of those threads waits for its own record's commit; the chainer
 * moves the outbox's records (those of writes and admin changes) into the chains.
 */
package io.smartvitals.audit.write;
