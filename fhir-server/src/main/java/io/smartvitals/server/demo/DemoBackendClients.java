package io.smartvitals.server.demo;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import io.smartvitals.smart.auth.client.ClientRegistration;
import io.smartvitals.smart.auth.client.ClientRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A SMART Backend Services client per demo tenant ({@code demo-backend}), so the demo can be tried
 * with real tokens from the command line: its RSA key pair is generated here, the public half is
 * registered, and the private JWK is written next to the demo database for
 * {@code java -jar ... backend-token}. Never used outside the demo profile.
 */
public class DemoBackendClients {

	public static final String CLIENT_ID = "demo-backend";
	static final List<String> SCOPES = List.of("system/*.rs", "system/Observation.cruds", "system/launch");

	private final ClientRegistry registry;
	private final Path keyDirectory;

	public DemoBackendClients(ClientRegistry registry, Path keyDirectory) {
		this.registry = registry;
		this.keyDirectory = keyDirectory;
	}

	/** The private key file of the tenant's demo client. */
	public Path keyFile(String tenant) {
		return keyDirectory.resolve("demo-backend-" + tenant + ".jwk.json");
	}

	/** Registers the client unless it exists; a missing key file means a new key and a new client id is not possible, so it warns. */
	public void ensure(String tenant) {
		if (registry.find(tenant, CLIENT_ID).isPresent()) {
			return;
		}
		try {
			RSAKey key = new RSAKeyGenerator(2048).keyID("demo-backend-" + tenant).keyUse(KeyUse.SIGNATURE).generate();
			registry.register(tenant, new ClientRegistration(CLIENT_ID, "Demo backend service", "confidential-asymmetric", List.of(),
					SCOPES, List.of("backend"), null, new JWKSet(key.toPublicJWK()).toJSONObject(), null, "demo",
					"trying the demo from the command line", Instant.now().plus(Duration.ofDays(364))));
			Files.createDirectories(keyDirectory);
			Path file = keyFile(tenant);
			Files.writeString(file, key.toJSONString());
			try {
				Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
			} catch (UnsupportedOperationException notPosix) {
				// Windows: the file stays readable per the directory's ACL.
			}
		} catch (JOSEException e) {
			throw new IllegalStateException("Cannot generate the demo client's key", e);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
