package io.smartvitals.server;

import io.smartvitals.server.demo.BackendTokenCommand;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.elasticsearch.ElasticsearchRestClientAutoConfiguration;
import org.springframework.boot.autoconfigure.orm.jpa.HibernateJpaAutoConfiguration;
import org.springframework.boot.autoconfigure.security.oauth2.server.servlet.OAuth2AuthorizationServerAutoConfiguration;
import org.springframework.boot.autoconfigure.security.oauth2.server.servlet.OAuth2AuthorizationServerJwtAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Entry point. HAPI's JPA layer brings its own EntityManagerFactory, so Boot's is excluded; the
 * Elasticsearch client that HAPI's Hibernate Search drags in is not used. Boot's authorization
 * server defaults (one issuer, a random in-memory signing key, an in-memory user) are replaced by
 * the per-tenant wiring in {@code config.AuthorizationServerConfiguration}.
 */
@SpringBootApplication(exclude = {
	HibernateJpaAutoConfiguration.class,
	ElasticsearchRestClientAutoConfiguration.class,
	OAuth2AuthorizationServerAutoConfiguration.class,
	OAuth2AuthorizationServerJwtAutoConfiguration.class,
	UserDetailsServiceAutoConfiguration.class
})
@ConfigurationPropertiesScan
public class VitalsServerApplication {

	public static void main(String[] args) throws Exception {
		// A command-line client for trying the server, not a server start.
		if (args.length > 0 && BackendTokenCommand.NAME.equals(args[0])) {
			System.exit(BackendTokenCommand.run(java.util.Arrays.copyOfRange(args, 1, args.length)));
		}
		SpringApplication.run(VitalsServerApplication.class, args);
	}
}
