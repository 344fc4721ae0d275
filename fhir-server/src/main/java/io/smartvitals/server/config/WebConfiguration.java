package io.smartvitals.server.config;

import io.smartvitals.audit.http.ConnectorRefusals;
import io.smartvitals.audit.http.RefusalEvidence;
import io.smartvitals.server.admin.AdminCredential;
import io.smartvitals.server.admin.OperatorToken;
import io.smartvitals.server.admin.OperatorTokenFilter;
import io.smartvitals.server.http.ConnectorRefusalLog;
import io.smartvitals.server.http.AllowedHostsFilter;
import io.smartvitals.server.http.FhirPathFilter;
import io.smartvitals.server.http.FirewallRejection;
import io.smartvitals.server.http.RequestBodyLimitFilter;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;

/**
 * Servlet filters in front of the FHIR and admin endpoints, and the operator credential. The guards
 * record what they refuse ({@link RefusalEvidence}); the request id filter runs before all of them.
 */
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

	@Bean
	public FilterRegistrationBean<OperatorTokenFilter> operatorTokenFilter(AdminCredential credential) {
		FilterRegistrationBean<OperatorTokenFilter> registration =
				new FilterRegistrationBean<>(new OperatorTokenFilter(credential.operatorToken()));
		registration.addUrlPatterns("/admin/*");
		registration.setOrder(ServletFilterOrder.OPERATOR_TOKEN.order());
		return registration;
	}

	/**
	 * Actuator: the liveness and readiness probes are open (they say UP or DOWN, nothing more);
	 * info, metrics and Prometheus need the metrics token or the operator token.
	 */
	@Bean
	public FilterRegistrationBean<OperatorTokenFilter> actuatorTokenFilter(AdminCredential credential, VitalsProperties properties) {
		List<OperatorToken> accepted = new ArrayList<>();
		OperatorToken.configured(properties.metricsToken()).ifPresent(accepted::add);
		credential.operatorToken().ifPresent(accepted::add);
		FilterRegistrationBean<OperatorTokenFilter> registration = new FilterRegistrationBean<>(
				new OperatorTokenFilter(accepted, "actuator", WebConfiguration::healthProbe));
		registration.addUrlPatterns("/actuator/*");
		registration.setOrder(ServletFilterOrder.ACTUATOR_TOKEN.order());
		return registration;
	}

	private static boolean healthProbe(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		return path.equals("/actuator/health") || path.equals("/actuator/health/liveness") || path.equals("/actuator/health/readiness");
	}

	/** Spring Security's firewall refusals as readable, recorded 400s (picked up by WebSecurity as the handler bean). */
	@Bean
	public org.springframework.security.web.firewall.RequestRejectedHandler firewallRejection(RefusalEvidence refusals) {
		return new FirewallRejection(refusals);
	}

	/** Requests Tomcat refuses before any filter (an encoded slash, oversized headers) are recorded through its engine's access log. */
	@Bean
	public WebServerFactoryCustomizer<TomcatServletWebServerFactory> connectorRefusalLog(ConnectorRefusals refusals) {
		return factory -> factory.addEngineValves(new ConnectorRefusalLog(refusals));
	}

	@Bean
	public FilterRegistrationBean<AllowedHostsFilter> allowedHostsFilter(VitalsProperties properties, RefusalEvidence refusals) {
		FilterRegistrationBean<AllowedHostsFilter> registration =
				new FilterRegistrationBean<>(new AllowedHostsFilter(properties.allowedHosts(), refusals));
		registration.addUrlPatterns("/*");
		registration.setOrder(ServletFilterOrder.ALLOWED_HOSTS.order());
		return registration;
	}

	@Bean
	public FilterRegistrationBean<FhirPathFilter> fhirPathFilter(RefusalEvidence refusals) {
		FilterRegistrationBean<FhirPathFilter> registration = new FilterRegistrationBean<>(new FhirPathFilter(refusals));
		registration.addUrlPatterns("/fhir/*", "/auth/*");
		registration.setOrder(ServletFilterOrder.FHIR_PATH.order());
		return registration;
	}

	@Bean
	public FilterRegistrationBean<RequestBodyLimitFilter> requestBodyLimitFilter(VitalsProperties properties, RefusalEvidence refusals) {
		FilterRegistrationBean<RequestBodyLimitFilter> registration =
				new FilterRegistrationBean<>(new RequestBodyLimitFilter(properties.maxRequestBody().toBytes(), refusals));
		registration.addUrlPatterns("/fhir/*");
		registration.setOrder(ServletFilterOrder.REQUEST_BODY_LIMIT.order());
		return registration;
	}
}
