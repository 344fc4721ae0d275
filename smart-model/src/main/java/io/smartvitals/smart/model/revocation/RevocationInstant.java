package io.smartvitals.smart.model.revocation;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The one rule both sides of a revocation apply: the authorization server (refresh, introspection)
 * and the FHIR API (bearer tokens) refuse a token issued no later than the change that revoked its
 * user, client or tenant.
 */
public final class RevocationInstant {

	private RevocationInstant() {}

	/**
	 * Whether a token issued at {@code issued} predates a change at {@code since}. No time: cannot
	 * tell, so yes. A time of whole seconds may be truncated: compare at that precision.
	 */
	public static boolean issuedNoLaterThan(Instant issued, Instant since) {
		if (issued == null) {
			return true;
		}
		return issued.getNano() == 0 ? !issued.isAfter(since.truncatedTo(ChronoUnit.SECONDS)) : !issued.isAfter(since);
	}
}
