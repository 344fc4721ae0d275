package io.smartvitals.server.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Settings under {@code vitals.*}; defaults are documented in README's configuration table and
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
		Duration reuseCachedSearchResults) {

	public VitalsProperties {
		maxRequestBody = maxRequestBody == null ? DataSize.ofMegabytes(10) : maxRequestBody;
		tenantCacheTtl = tenantCacheTtl == null ? Duration.ofMillis(500) : tenantCacheTtl;
		defaultPageSize = defaultPageSize <= 0 ? 20 : defaultPageSize;
		maxPageSize = maxPageSize <= 0 ? 200 : maxPageSize;
		reuseCachedSearchResults = reuseCachedSearchResults == null ? Duration.ofSeconds(60) : reuseCachedSearchResults;
	}
}
