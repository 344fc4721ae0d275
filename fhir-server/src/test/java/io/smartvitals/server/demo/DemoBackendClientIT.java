package io.smartvitals.server.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.jwk.RSAKey;
import io.smartvitals.server.ServerOverHttp;
import io.smartvitals.smart.auth.client.ClientRegistry;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

/** The demo's command-line backend client: registered once, private key on disk, tokens that the FHIR API accepts. */
class DemoBackendClientIT extends ServerOverHttp {

	@Autowired
	ClientRegistry registry;

	@TempDir
	Path keys;

	@Test
	void theDemoBackendClientGetsTokensTheFhirApiAccepts() throws Exception {
		String tenant = createTenant(uniqueTenantId("demo-cli"));
		DemoBackendClients clients = new DemoBackendClients(registry, keys);
		clients.ensure(tenant);
		Path keyFile = clients.keyFile(tenant);
		RSAKey key = RSAKey.parse(Files.readString(keyFile));
		assertThat(key.isPrivate()).isTrue();
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
		assertThat(admin("GET", "/admin/tenants/" + tenant + "/clients/demo-backend", null).body())
				.contains("confidential-asymmetric").doesNotContain("\"d\"");

		clients.ensure(tenant);
		assertThat(Files.readString(keyFile)).as("a second start keeps the key").isEqualTo(key.toJSONString());

		HttpResponse<String> token = BackendTokenCommand.request(URI.create(root() + "/auth/" + tenant + "/token"),
				DemoBackendClients.CLIENT_ID, key, "system/Observation.rs");
		assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
		String accessToken = new ObjectMapper().readTree(token.body()).get("access_token").asText();
		assertThat(send("GET", base(tenant) + "/Observation?_count=1", "Bearer " + accessToken, null, null).statusCode()).isEqualTo(200);
		assertThat(send("GET", base(tenant) + "/Patient?_count=1", "Bearer " + accessToken, null, null).statusCode())
				.as("only the scope asked for").isEqualTo(403);

		HttpResponse<String> beyond = BackendTokenCommand.request(URI.create(root() + "/auth/" + tenant + "/token"),
				DemoBackendClients.CLIENT_ID, key, "system/Patient.cruds");
		assertThat(beyond.statusCode()).isEqualTo(400);
		assertThat(beyond.body()).contains("invalid_scope");
	}
}
