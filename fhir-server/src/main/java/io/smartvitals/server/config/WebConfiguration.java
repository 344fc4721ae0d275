package io.smartvitals.server.config;

import io.smartvitals.server.admin.AdminCredential;
import io.smartvitals.server.admin.OperatorToken;
import io.smartvitals.server.admin.OperatorTokenFilter;
import io.smartvitals.server.http.FhirPathFilter;
import io.smartvitals.server.http.RejectedRequestResponse;
import io.smartvitals.server.http.RequestBodyLimitFilter;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;

/** Servlet filters in front of the FHIR and admin endpoints, and the operator credential. */
@Configuration
public class WebConfiguration {

	private static final Logger log = LoggerFactory.getLogger(WebConfiguration.class);

	@Bean
	public AdminCredential adminCredential(VitalsProperties properties, Environment environment) {
		Optional<OperatorToken> configured = OperatorToken.configured(properties.operatorToken());
		if (configured.isEmpty() && environment.acceptsProfiles(Profiles.of("demo"))) {
			return new AdminCredential(Optional.of(OperatorToken.generate()));
		}
		if (configured.isEmpty()) {
			log.warn("No operator token configured (OPERATOR_TOKEN): the admin API is closed");
		}
		return new AdminCredential(configured);
	}

	/** Spring Security picks this up for requests its firewall rejects: 400 OperationOutcome, not an error page. */
	@Bean
	public RejectedRequestResponse rejectedRequestResponse() {
		return new RejectedRequestResponse();
	}

	@Bean
	public FilterRegistrationBean<OperatorTokenFilter> operatorTokenFilter(AdminCredential credential) {
		FilterRegistrationBean<OperatorTokenFilter> registration =
				new FilterRegistrationBean<>(new OperatorTokenFilter(credential.operatorToken()));
		registration.addUrlPatterns("/admin/*");
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
		return registration;
	}

	@Bean
	public FilterRegistrationBean<FhirPathFilter> fhirPathFilter() {
		FilterRegistrationBean<FhirPathFilter> registration = new FilterRegistrationBean<>(new FhirPathFilter());
		registration.addUrlPatterns("/fhir/*");
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 15);
		return registration;
	}

	@Bean
	public FilterRegistrationBean<RequestBodyLimitFilter> requestBodyLimitFilter(VitalsProperties properties) {
		FilterRegistrationBean<RequestBodyLimitFilter> registration =
				new FilterRegistrationBean<>(new RequestBodyLimitFilter(properties.maxRequestBody().toBytes()));
		registration.addUrlPatterns("/fhir/*");
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
		return registration;
	}
}
