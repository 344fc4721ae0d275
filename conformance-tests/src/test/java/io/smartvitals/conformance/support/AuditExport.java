package io.smartvitals.conformance.support;

import ca.uhn.fhir.context.FhirContext;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.AuditEvent;

/** A tenant's audit trail as an auditor gets it: the operator's NDJSON export, with its verification header. */
public record AuditExport(String chain, List<AuditEvent> events) {

	private static final FhirContext FHIR = FhirContext.forR4Cached();

	/** Exports the tenant's whole trail; fails unless the export answers 200. */
	public static AuditExport of(RunningServer server, String tenant) {
		HttpResponse<String> response = Http.send("GET", server.root() + "/admin/tenants/" + tenant + "/audit/export",
				Map.of("Authorization", "Bearer " + RunningServer.OPERATOR_TOKEN), null);
		if (response.statusCode() != 200) {
			throw new AssertionError("audit export of " + tenant + ": " + response.statusCode() + " " + response.body());
		}
		List<AuditEvent> events = new ArrayList<>();
		for (String line : response.body().split("\n")) {
			if (!line.isBlank()) {
				events.add(FHIR.newJsonParser().parseResource(AuditEvent.class, line));
			}
		}
		return new AuditExport(response.headers().firstValue("X-Audit-Chain").orElse(null), events);
	}

	/** The request id a record carries (the {@code X-Request-Id} of the request it describes). */
	public static String requestId(AuditEvent event) {
		return event.getEntity().stream()
				.filter(e -> e.getType() != null && "XrequestId".equals(e.getType().getCode()))
				.map(e -> e.getWhat().getIdentifier().getValue())
				.findFirst().orElse(null);
	}
}
