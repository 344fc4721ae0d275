package io.smartvitals.smart.auth.server;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smartvitals.smart.auth.login.TenantUserAuthentication;
import io.smartvitals.smart.auth.users.UserKind;
import java.util.List;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.security.jackson2.SecurityJackson2Modules;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.jackson2.OAuth2AuthorizationServerJackson2Module;

/**
 * The JDBC authorization store with our signed-in user type on Spring Security's Jackson
 * allowlist: the user is stored with each authorization and read back at the token step.
 */
public final class AuthorizationJson {

	private AuthorizationJson() {}

	public static JdbcOAuth2AuthorizationService store(JdbcOperations jdbc, RegisteredClientRepository clients) {
		JdbcOAuth2AuthorizationService service = new JdbcOAuth2AuthorizationService(jdbc, clients);
		ObjectMapper json = new ObjectMapper();
		ClassLoader loader = AuthorizationJson.class.getClassLoader();
		json.registerModules(SecurityJackson2Modules.getModules(loader));
		json.registerModule(new OAuth2AuthorizationServerJackson2Module());
		json.addMixIn(TenantUserAuthentication.class, TenantUserMixin.class);
		JdbcOAuth2AuthorizationService.OAuth2AuthorizationRowMapper rows = new JdbcOAuth2AuthorizationService.OAuth2AuthorizationRowMapper(clients);
		rows.setObjectMapper(json);
		JdbcOAuth2AuthorizationService.OAuth2AuthorizationParametersMapper parameters = new JdbcOAuth2AuthorizationService.OAuth2AuthorizationParametersMapper();
		parameters.setObjectMapper(json);
		service.setAuthorizationRowMapper(rows);
		service.setAuthorizationParametersMapper(parameters);
		return service;
	}

	@JsonTypeInfo(use = JsonTypeInfo.Id.CLASS)
	@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
			isGetterVisibility = JsonAutoDetect.Visibility.NONE)
	@JsonIgnoreProperties(value = {"authorities", "details", "authenticated"}, ignoreUnknown = true)
	abstract static class TenantUserMixin {
		@JsonCreator
		TenantUserMixin(@JsonProperty("tenant") String tenant, @JsonProperty("username") String username,
				@JsonProperty("fhirUser") String fhirUser, @JsonProperty("kind") UserKind kind,
				@JsonProperty("tenantWide") boolean tenantWide) {}
	}

}
