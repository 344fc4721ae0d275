package io.smartvitals.server.config;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Settings under {@code vitals.*}; defaults are documented in docs/operate/configuration.md and
 * in {@code application.yaml}.
 */
@ConfigurationProperties("vitals")
public record VitalsProperties(
		String operatorToken,
		DataSize maxRequestBody,
		Duration tenantCacheTtl,
		boolean vitalSignsValidation,
		int defaultPageSize,
		int maxPageSize,
		Duration reuseCachedSearchResults,
		List<String> allowedHosts,
		String metricsToken,
		int metricsMaxTenants) {

	/** Host names served when none are configured: the demo on this machine. */
	public static final List<String> LOCAL_HOSTS = List.of("localhost", "127.0.0.1", "::1");

	public VitalsProperties {
		maxRequestBody = maxRequestBody == null ? DataSize.ofMegabytes(10) : maxRequestBody;
		tenantCacheTtl = tenantCacheTtl == null ? Duration.ofMillis(500) : tenantCacheTtl;
		defaultPageSize = defaultPageSize <= 0 ? 20 : defaultPageSize;
		maxPageSize = maxPageSize <= 0 ? 200 : maxPageSize;
		reuseCachedSearchResults = reuseCachedSearchResults == null ? Duration.ofSeconds(60) : reuseCachedSearchResults;
		metricsMaxTenants = metricsMaxTenants <= 0 ? 100 : metricsMaxTenants;
		allowedHosts = allowedHosts == null || allowedHosts.isEmpty() ? LOCAL_HOSTS : List.copyOf(allowedHosts);
	}
}
