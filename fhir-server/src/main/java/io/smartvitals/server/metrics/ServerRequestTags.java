package io.smartvitals.server.metrics;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import io.smartvitals.audit.http.TenantPath;
import java.util.Set;
import org.springframework.http.server.observation.DefaultServerRequestObservationConvention;
import org.springframework.http.server.observation.ServerRequestObservationContext;

/**
 * {@code http.server.requests} with the tenant and the FHIR interaction, and a {@code uri} for the
 * FHIR and authorization endpoints (which Spring MVC does not route, so its own would be UNKNOWN):
 * {@code /fhir/{tenant}} or {@code /auth/{tenant}/<endpoint>} for a known endpoint name.
 */
public class ServerRequestTags extends DefaultServerRequestObservationConvention {

	/** Endpoints under /auth/{tenant}/ that get their own uri value; anything else is "other". */
	private static final Set<String> AUTH_ENDPOINTS = Set.of(
			"authorize", "token", "introspect", "revoke", "jwks", "login", "logout", "consent", "launch", "userinfo",
			"register", "par", "mfa", ".well-known");

	private final TenantTag tenants;

	public ServerRequestTags(TenantTag tenants) {
		this.tenants = tenants;
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(ServerRequestObservationContext context) {
		String path = context.getCarrier().getRequestURI().substring(context.getCarrier().getContextPath().length());
		Object interaction = context.getCarrier().getAttribute(FhirInteractionTag.ATTRIBUTE);
		KeyValues values = super.getLowCardinalityKeyValues(context)
				.and(KeyValue.of("tenant", tenants.of(TenantPath.segment(path))))
				.and(KeyValue.of("interaction", interaction == null ? "none" : interaction.toString()));
		String uri = uri(path);
		return uri == null ? values : values.and(KeyValue.of("uri", uri));
	}

	static String uri(String path) {
		if (path.startsWith("/fhir/")) {
			return "/fhir/{tenant}";
		}
		if (path.startsWith("/auth/")) {
			String[] parts = path.split("/", 5);
			if (parts.length < 4) {
				return "/auth/{tenant}";
			}
			return "/auth/{tenant}/" + (AUTH_ENDPOINTS.contains(parts[3]) ? parts[3] : "other");
		}
		return null;
	}
}
