package io.smartvitals.server.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smartvitals.server.ServerOverHttp;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.UUID;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The {@code tls} profile: the server speaks HTTPS with TLS 1.3 and 1.2 only, and its issuer and
 * endpoints are https URLs. The keystore is a fresh self-signed one made with the JDK's keytool.
 */
@SpringBootTest(
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = {
			"spring.datasource.url=jdbc:h2:mem:vitals-tls-it;DB_CLOSE_DELAY=-1",
			"vitals.operator-token=" + ServerOverHttp.OPERATOR_TOKEN,
			"vitals.auth.key-encryption-key=" + ServerOverHttp.TEST_KEK
		})
@ActiveProfiles("tls")
class TlsOnlyIT {

	private static final String PASSWORD = "changeit-" + UUID.randomUUID();
	private static final Path KEYSTORE = selfSignedKeystore();

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void keystore(DynamicPropertyRegistry registry) {
		registry.add("server.ssl.key-store", () -> KEYSTORE.toString());
		registry.add("server.ssl.key-store-password", () -> PASSWORD);
	}

	@Test
	void tls12And13AreServedAndTheIssuerIsHttps() throws Exception {
		for (String protocol : new String[] {"TLSv1.3", "TLSv1.2"}) {
			try (SSLSocket socket = handshake(protocol)) {
				assertThat(socket.getSession().getProtocol()).isEqualTo(protocol);
			}
		}
		HttpClient https = HttpClient.newBuilder().sslContext(trusting()).build();
		String tenant = "tls-" + UUID.randomUUID().toString().substring(0, 8);
		HttpResponse<String> created = https.send(HttpRequest.newBuilder(URI.create("https://localhost:" + port + "/admin/tenants"))
				.header("Authorization", "Bearer " + ServerOverHttp.OPERATOR_TOKEN).header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString("{\"id\":\"" + tenant + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
		assertThat(created.statusCode()).isEqualTo(201);
		JsonNode smart = new ObjectMapper().readTree(https.send(HttpRequest.newBuilder(
				URI.create("https://localhost:" + port + "/fhir/" + tenant + "/.well-known/smart-configuration")).build(),
				HttpResponse.BodyHandlers.ofString()).body());
		assertThat(smart.get("issuer").asText()).isEqualTo("https://localhost:" + port + "/auth/" + tenant);
		assertThat(smart.get("token_endpoint").asText()).startsWith("https://");
	}

	@Test
	void olderProtocolsAreRefused() {
		// The JDK client disables TLS 1.1 and 1.0 as well; either side refusing ends the handshake.
		for (String protocol : new String[] {"TLSv1.1", "TLSv1"}) {
			assertThatThrownBy(() -> handshake(protocol).close()).as(protocol).isInstanceOf(SSLHandshakeException.class);
		}
	}

	@Test
	void plainHttpOnTheTlsPortServesNothing() throws Exception {
		// Tomcat answers a plain-HTTP request on a TLS port with its own 400 and never reaches the application.
		HttpResponse<String> plain = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
				URI.create("http://localhost:" + port + "/admin/tenants")).header("Authorization", "Bearer " + ServerOverHttp.OPERATOR_TOKEN)
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(plain.statusCode()).isEqualTo(400);
		assertThat(plain.body()).contains("TLS").doesNotContain("\"id\"");
	}

	private SSLSocket handshake(String protocol) throws Exception {
		SSLSocket socket = (SSLSocket) trusting().getSocketFactory().createSocket("localhost", port);
		socket.setEnabledProtocols(new String[] {protocol});
		socket.startHandshake();
		return socket;
	}

	/** Trusts exactly the test's self-signed certificate. */
	private static SSLContext trusting() throws Exception {
		KeyStore store = KeyStore.getInstance("PKCS12");
		try (var in = Files.newInputStream(KEYSTORE)) {
			store.load(in, PASSWORD.toCharArray());
		}
		KeyStore trust = KeyStore.getInstance("PKCS12");
		trust.load(null, null);
		trust.setCertificateEntry("vitals", (X509Certificate) store.getCertificate("vitals"));
		TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		factory.init(trust);
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(null, factory.getTrustManagers(), null);
		return context;
	}

	private static Path selfSignedKeystore() {
		try {
			Path dir = Files.createTempDirectory("vitals-tls");
			Path keystore = dir.resolve("tls.p12");
			Process keytool = new ProcessBuilder(System.getProperty("java.home") + File.separator + "bin" + File.separator + "keytool",
					"-genkeypair", "-alias", "vitals", "-keyalg", "RSA", "-keysize", "2048", "-storetype", "PKCS12",
					"-keystore", keystore.toString(), "-storepass", PASSWORD, "-dname", "CN=localhost", "-validity", "2",
					"-ext", "SAN=dns:localhost,ip:127.0.0.1").redirectErrorStream(true).start();
			String output = new String(keytool.getInputStream().readAllBytes());
			if (keytool.waitFor() != 0) {
				throw new IllegalStateException("keytool failed: " + output);
			}
			return keystore;
		} catch (Exception e) {
			throw new IllegalStateException(e);
		}
	}
}
