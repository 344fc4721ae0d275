package io.smartvitals.server.access;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.searchparam.matcher.InMemoryMatchResult;
import ca.uhn.fhir.jpa.searchparam.matcher.SearchParamMatcher;
import io.smartvitals.interceptors.enforce.GranularQueryMatcher;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.instance.model.api.IBaseResource;

/** Granular scope queries matched by HAPI's in-memory search-parameter matcher (the same semantics as a search). */
public class HapiGranularQueryMatcher implements GranularQueryMatcher {

	private final FhirContext fhir;
	private final SearchParamMatcher matcher;

	public HapiGranularQueryMatcher(FhirContext fhir, SearchParamMatcher matcher) {
		this.fhir = fhir;
		this.matcher = matcher;
	}

	@Override
	public boolean matches(IBaseResource resource, Map<String, List<String>> query) {
		StringBuilder criteria = new StringBuilder(fhir.getResourceType(resource)).append('?');
		query.forEach((name, values) -> values.forEach(value -> criteria.append(criteria.charAt(criteria.length() - 1) == '?' ? "" : "&")
				.append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8))));
		InMemoryMatchResult result = matcher.match(criteria.toString(), resource, null);
		// A query the in-memory matcher cannot evaluate never grants access.
		return result.supported() && result.matched();
	}
}
