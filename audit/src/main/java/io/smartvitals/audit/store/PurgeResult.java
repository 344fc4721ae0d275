package io.smartvitals.audit.store;

import io.smartvitals.audit.chain.ChainVerification;
import io.smartvitals.audit.chain.Checkpoint;

/**
 * @param checkpoint the checkpoint written, or null when nothing was old enough
 * @param refusedBecause the verification that failed, when the chain was broken (nothing purged then)
 */
public record PurgeResult(long purged, Checkpoint checkpoint, ChainVerification refusedBecause) {}
