package io.smartvitals.smart.model.scope;

import java.util.List;
import java.util.Map;

/**
 * The scope verdict for one interaction. An allowed interaction may still be narrowed: to the
 * launch patient's compartment, and to resources matching one of the granted granular queries.
 */
public sealed interface AccessDecision {

	/**
	 * @param decidedBy the scope that allowed it
	 * @param patientCompartment the patient id the data is confined to, or null
	 * @param anyOfQueries granular filters combined with OR; empty means no filter
	 */
	record Allowed(ResourceScope decidedBy, String patientCompartment, List<Map<String, List<String>>> anyOfQueries)
			implements AccessDecision {

		public Allowed {
			anyOfQueries = List.copyOf(anyOfQueries);
		}

		public boolean isFiltered() {
			return !anyOfQueries.isEmpty();
		}
	}

	/** @param rule which rule refused, in words a client developer can act on */
	record Denied(String rule) implements AccessDecision {}
}
