package io.smartvitals.server.demo;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * {@code java -jar fhir-server-exec.jar backend-token --token-url URL --client-id ID --key JWK-FILE --scope S}:
 * a SMART Backend Services client in one command. It signs an RS384 client assertion with the
 * private JWK, asks the token endpoint for {@code client_credentials}, and prints the token
 * response (or the OAuth error, with exit code 1).
 */
public final class BackendTokenCommand {

	public static final String NAME = "backend-token";

	private BackendTokenCommand() {}

	public static int run(String[] args) throws Exception {
		Map<String, String> options = new HashMap<>();
		for (int i = 0; i + 1 < args.length; i += 2) {
			options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
		}
		String tokenUrl = options.get("token-url");
		String keyFile = options.get("key");
		if (tokenUrl == null || keyFile == null) {
			System.err.println("usage: backend-token --token-url URL --key PRIVATE-JWK-FILE [--client-id demo-backend] [--scope 'system/*.rs']");
			return 2;
		}
		HttpResponse<String> response = request(URI.create(tokenUrl), options.getOrDefault("client-id", DemoBackendClients.CLIENT_ID),
				RSAKey.parse(Files.readString(Path.of(keyFile))), options.getOrDefault("scope", "system/*.rs"));
		(response.statusCode() == 200 ? System.out : System.err).println(response.body());
		return response.statusCode() == 200 ? 0 : 1;
	}

	/** One {@code client_credentials} request with a fresh RS384 client assertion (unique 64-hex jti, exp in 4 minutes). */
	public static HttpResponse<String> request(URI tokenUrl, String clientId, RSAKey key, String scope) throws Exception {
		byte[] jti = new byte[32];
		new SecureRandom().nextBytes(jti);
		SignedJWT assertion = new SignedJWT(
				new JWSHeader.Builder(JWSAlgorithm.RS384).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(),
				new JWTClaimsSet.Builder().issuer(clientId).subject(clientId).audience(tokenUrl.toString())
						.expirationTime(Date.from(Instant.now().plusSeconds(240))).jwtID(HexFormat.of().formatHex(jti)).build());
		assertion.sign(new RSASSASigner(key));
		String form = "grant_type=client_credentials"
				+ "&scope=" + URLEncoder.encode(scope, StandardCharsets.UTF_8)
				+ "&client_assertion_type=" + URLEncoder.encode("urn:ietf:params:oauth:client-assertion-type:jwt-bearer", StandardCharsets.UTF_8)
				+ "&client_assertion=" + assertion.serialize();
		return HttpClient.newHttpClient().send(HttpRequest.newBuilder(tokenUrl)
				.header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
				HttpResponse.BodyHandlers.ofString());
	}
}
