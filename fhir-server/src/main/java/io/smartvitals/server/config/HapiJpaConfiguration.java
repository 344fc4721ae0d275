package io.smartvitals.server.config;

import ca.uhn.fhir.batch2.jobs.config.Batch2JobsConfig;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.config.JpaStorageSettings;
import ca.uhn.fhir.jpa.api.config.ThreadPoolFactoryConfig;
import ca.uhn.fhir.jpa.batch2.JpaBatch2Config;
import ca.uhn.fhir.jpa.config.HapiJpaConfig;
import ca.uhn.fhir.jpa.config.r4.JpaR4Config;
import ca.uhn.fhir.jpa.config.util.HapiEntityManagerFactoryUtil;
import ca.uhn.fhir.jpa.model.config.PartitionSettings;
import ca.uhn.fhir.jpa.model.config.SubscriptionSettings;
import ca.uhn.fhir.jpa.subscription.channel.config.SubscriptionChannelConfig;
import io.smartvitals.server.storage.DatabaseKind;
import io.smartvitals.server.storage.PostgresBatchInserts;
import io.smartvitals.server.storage.PostgresRowSecurity;
import io.smartvitals.server.storage.RowSecurityCheck;
import io.smartvitals.server.storage.TenantRowScopeFilter;
import jakarta.persistence.EntityManagerFactory;
import java.util.Properties;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.orm.jpa.LocalContainerEntityManagerFactoryBean;

/**
 * HAPI FHIR JPA (R4) storage: one partition per tenant, no references across partitions,
 * server-assigned ids that are UUIDs so that ids reveal nothing about other tenants' activity.
 */
@Configuration
@Import({
	JpaR4Config.class,
	HapiJpaConfig.class,
	JpaBatch2Config.class,
	Batch2JobsConfig.class,
	SubscriptionChannelConfig.class,
	ThreadPoolFactoryConfig.class
})
public class HapiJpaConfiguration {

	@Bean
	public JpaStorageSettings storageSettings(VitalsProperties properties) {
		JpaStorageSettings settings = new JpaStorageSettings();
		settings.setResourceServerIdStrategy(JpaStorageSettings.IdStrategyEnum.UUID);
		// HAPI keeps resource ids unique across partitions: a client-chosen id taken in another
		// tenant would fail here and reveal that it exists there. So ids are the server's alone.
		settings.setResourceClientIdStrategy(JpaStorageSettings.ClientIdStrategyEnum.NOT_ALLOWED);
		settings.setAllowExternalReferences(false);
		settings.setAutoCreatePlaceholderReferenceTargets(false);
		settings.setEnforceReferentialIntegrityOnWrite(true);
		settings.setEnforceReferenceTargetTypes(true);
		settings.setExpungeEnabled(false);
		settings.setDeleteExpungeEnabled(false);
		settings.setAllowMultipleDelete(false);
		settings.setReuseCachedSearchResultsForMillis(properties.reuseCachedSearchResults().toMillis());
		settings.setDefaultSearchParamsCanBeOverridden(false);
		settings.setAdvancedHSearchIndexing(false);
		settings.setIndexMissingFields(JpaStorageSettings.IndexEnabledEnum.DISABLED);
		// Vitals are ~1 KB: keep resource bodies inline in HFJ_RES_VER instead of PostgreSQL large objects.
		settings.setInlineResourceTextBelowSize(4000);
		return settings;
	}

	@Bean
	public static PostgresBatchInserts postgresBatchInserts() {
		return new PostgresBatchInserts();
	}

	/** Row-level security on our tenant-keyed tables (PostgreSQL; docs/operate/deployment.md "Row-level security"). */
	@Bean
	public static PostgresRowSecurity postgresRowSecurity(Environment environment) {
		return new PostgresRowSecurity(environment.getProperty("vitals.database.row-security", Boolean.class, true));
	}

	@Bean
	public ApplicationRunner rowSecurityCheck(DataSource dataSource) {
		return args -> RowSecurityCheck.applies(dataSource);
	}

	/** Right after the request id: every connection of the request is scoped to the URL's tenant. */
	@Bean
	public FilterRegistrationBean<TenantRowScopeFilter> tenantRowScopeFilter() {
		FilterRegistrationBean<TenantRowScopeFilter> registration = new FilterRegistrationBean<>(new TenantRowScopeFilter());
		registration.addUrlPatterns("/*");
		registration.setOrder(ServletFilterOrder.TENANT_ROW_SCOPE.order());
		return registration;
	}

	@Bean
	public PartitionSettings partitionSettings() {
		PartitionSettings settings = new PartitionSettings();
		settings.setPartitioningEnabled(true);
		settings.setUnnamedPartitionMode(false);
		settings.setIncludePartitionInSearchHashes(false);
		settings.setAllowReferencesAcrossPartitions(PartitionSettings.CrossPartitionReferenceMode.NOT_ALLOWED);
		return settings;
	}

	@Bean
	public SubscriptionSettings subscriptionSettings() {
		return new SubscriptionSettings();
	}

	@Bean
	@Primary
	public LocalContainerEntityManagerFactoryBean entityManagerFactory(
			DataSource dataSource,
			DataSourceProperties dataSourceProperties,
			ConfigurableListableBeanFactory beanFactory,
			FhirContext fhirContext,
			JpaStorageSettings storageSettings) {
		LocalContainerEntityManagerFactoryBean factory =
				HapiEntityManagerFactoryUtil.newEntityManagerFactory(beanFactory, fhirContext, storageSettings);
		factory.setPersistenceUnitName("HAPI_PU");
		factory.setDataSource(dataSource);
		factory.setJpaProperties(hibernateProperties(DatabaseKind.fromJdbcUrl(dataSourceProperties.determineUrl())));
		return factory;
	}

	static Properties hibernateProperties(DatabaseKind database) {
		Properties properties = new Properties();
		properties.put("hibernate.dialect", database.hibernateDialect());
		properties.put("hibernate.hbm2ddl.auto", "update");
		properties.put("hibernate.search.enabled", "false");
		properties.put("hibernate.format_sql", "false");
		properties.put("hibernate.show_sql", "false");
		properties.put("hibernate.jdbc.batch_size", "50");
		properties.put("hibernate.order_inserts", "true");
		properties.put("hibernate.order_updates", "true");
		properties.put("hibernate.cache.use_query_cache", "false");
		properties.put("hibernate.cache.use_second_level_cache", "false");
		properties.put("hibernate.cache.use_structured_entries", "false");
		properties.put("hibernate.cache.use_minimal_puts", "false");
		return properties;
	}

	@Bean
	@Primary
	public JpaTransactionManager transactionManager(EntityManagerFactory entityManagerFactory) {
		return new JpaTransactionManager(entityManagerFactory);
	}
}
