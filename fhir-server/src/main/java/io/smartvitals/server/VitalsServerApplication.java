package io.smartvitals.server;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.elasticsearch.ElasticsearchRestClientAutoConfiguration;
import org.springframework.boot.autoconfigure.orm.jpa.HibernateJpaAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Entry point. HAPI's JPA layer brings its own EntityManagerFactory, so Boot's is excluded; the
 * Elasticsearch client that HAPI's Hibernate Search drags in is not used.
 */
@SpringBootApplication(exclude = {HibernateJpaAutoConfiguration.class, ElasticsearchRestClientAutoConfiguration.class})
@ConfigurationPropertiesScan
public class VitalsServerApplication {

	public static void main(String[] args) {
		SpringApplication.run(VitalsServerApplication.class, args);
	}
}
