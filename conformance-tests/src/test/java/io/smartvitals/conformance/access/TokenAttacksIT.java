package io.smartvitals.conformance.access;

import static io.smartvitals.conformance.access.TwoTenants.id;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import io.smartvitals.conformance.support.Http;
import io.smartvitals.conformance.support.PostgresSuite;
import io.smartvitals.conformance.support.RunningServer;
import io.smartvitals.server.demo.TenantPopulationLoader.Population;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Tokens at the FHIR API (ATTACKS T1, T2, P10, X2; CHECKLIST A1, D7, V1): only a valid token
 * of the URL's own tenant gets in; everything else is 401 with a Bearer challenge and an
 * OperationOutcome, before any data is looked at.
 */
class TokenAttacksIT extends PostgresSuite {

	private static final String SUFFIX = UUID.randomUUID().toString().substring(0, 6);
	private static final String A = "tok-a-" + SUFFIX;
	private static final String B = "tok-b-" + SUFFIX;
	private static Population inB;

	@BeforeAll
	static void twoTenants() {
		TwoTenants.populate(server, A);
		inB = TwoTenants.populate(server, B);
	}

	private static HttpResponse<String> call(String method, String tenant, String path, String authorization, String body) {
		return Http.send(method, server.base(tenant) + "/" + path, Map.of("Authorization", authorization,
				"Accept", "application/fhir+json", "Content-Type", "application/fhir+json"), body);
	}

	private static void assertUnauthorized(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
		assertThat(response.headers().firstValue("WWW-Authenticate").orElse("")).startsWith("Bearer").contains("invalid_token");
		assertThat(response.headers().firstValue("Content-Type").orElse("")).contains("json");
		assertThat(response.body()).contains("OperationOutcome");
	}

	@Test
	void noTokenMalformedTokenAndExpiredTokenAre401WithBearerChallenge() {
		assertUnauthorized(call("GET", B, "Patient", Http.NO_TOKEN, null));
		assertUnauthorized(call("GET", B, "Patient", "Bearer not.a.jwt", null));
		assertUnauthorized(call("GET", B, "Patient", "Basic dXNlcjpwYXNz", null));
		JWTClaimsSet expired = server.forger().claims(B, "system/*.rs", "c", "c", Duration.ofMinutes(-5)).build();
		assertUnauthorized(call("GET", B, "Patient", "Bearer " + server.forger().sign(B, expired), null));
	}

	@Test
	void tokenOfTenantAIsRejectedAtTenantBForEveryInteraction() {
		String tokenOfA = "Bearer " + server.systemToken(A, "system/*.cruds system/access-policy");
		String patientOfB = inB.patients().get(0);
		assertUnauthorized(call("GET", B, patientOfB, tokenOfA, null));
		assertUnauthorized(call("GET", B, patientOfB + "/_history/1", tokenOfA, null));
		assertUnauthorized(call("GET", B, "Observation?_count=5", tokenOfA, null));
		assertUnauthorized(call("GET", B, "_history", tokenOfA, null));
		assertUnauthorized(call("POST", B, "Patient", tokenOfA, "{\"resourceType\":\"Patient\"}"));
		assertUnauthorized(call("DELETE", B, patientOfB, tokenOfA, null));
		assertUnauthorized(call("GET", B, patientOfB + "/$everything", tokenOfA, null));
		// $export is not on the operation allow-list yet (bulk export branch): refused before the token.
		assertThat(call("GET", B, "Patient/$export", tokenOfA, null).statusCode()).isIn(401, 403);
		assertUnauthorized(Http.send("POST", server.base(B), Map.of("Authorization", tokenOfA, "Content-Type", "application/fhir+json"),
				"{\"resourceType\":\"Bundle\",\"type\":\"batch\",\"entry\":[{\"request\":{\"method\":\"GET\",\"url\":\"" + patientOfB + "\"}}]}"));
		assertThat(call("GET", B, patientOfB, server.systemAuthorization(B), null).statusCode()).isEqualTo(200);
	}

	@Test
	void claimsNamingOneTenantSignedWithTheOtherTenantsKeyAreRejected() {
		JWTClaimsSet claimsOfB = server.forger().claims(B, "system/*.rs", "c", "c", Duration.ofMinutes(5)).build();
		assertUnauthorized(call("GET", B, "Patient", "Bearer " + server.forger().sign(A, claimsOfB), null));
		JWTClaimsSet claimsOfA = server.forger().claims(A, "system/*.rs", "c", "c", Duration.ofMinutes(5)).build();
		assertUnauthorized(call("GET", A, "Patient", "Bearer " + server.forger().sign(B, claimsOfA), null));
		// B's key and B's issuer, but the audience of A.
		JWTClaimsSet wrongAudience = new JWTClaimsSet.Builder(claimsOfB).audience(server.base(A)).build();
		assertUnauthorized(call("GET", B, "Patient", "Bearer " + server.forger().sign(B, wrongAudience), null));
	}

	@Test
	void unsignedAndSymmetricTokensAreRejected() {
		String claims = Base64URL.encode(server.forger().claims(B, "system/*.rs", "c", "c", Duration.ofMinutes(5)).build().toString()).toString();
		String none = Base64URL.encode("{\"alg\":\"none\"}") + "." + claims + ".";
		assertUnauthorized(call("GET", B, "Patient", "Bearer " + none, null));
		String hs256 = Base64URL.encode("{\"alg\":\"HS256\",\"kid\":\"x\"}") + "." + claims + "." + Base64URL.encode("sig");
		assertUnauthorized(call("GET", B, "Patient", "Bearer " + hs256, null));
	}

	@Test
	void oversizedTokensTokensWithThousandsOfClaimsAndNestedClaimsAre401AndTheServerStaysResponsive() {
		// Tomcat refuses headers over 8 KB itself (400); smaller oversized tokens get our 401.
		assertThat(call("GET", B, "Patient", "Bearer " + "a".repeat(20_000), null).statusCode()).isIn(400, 401);
		assertUnauthorized(call("GET", B, "Patient", "Bearer " + "a".repeat(5_000), null));
		JWTClaimsSet.Builder many = server.forger().claims(B, "system/*.rs", "c", "c", Duration.ofMinutes(5));
		// Over the verifier's 8 KB limit, under Tomcat's 16 KB header limit.
		for (int i = 0; i < 900; i++) {
			many.claim("c" + i, i);
		}
		assertUnauthorized(call("GET", B, "Patient", "Bearer " + server.forger().sign(B, many.build()), null));
		JWTClaimsSet nested = server.forger().claims(B, "system/*.rs", "c", "c", Duration.ofMinutes(5))
				.claim("scope", Map.of("nested", Map.of("deeper", "system/*.rs"))).build();
		assertUnauthorized(call("GET", B, "Patient", "Bearer " + server.forger().sign(B, nested), null));
		assertThat(call("GET", B, "Patient?_count=1", server.systemAuthorization(B), null).statusCode()).isEqualTo(200);
	}

	@Test
	void revokedTokenIsRefusedOnceTheRevocationIsRecorded() throws Exception {
		String issued = server.systemToken(B, "system/*.rs");
		String token = "Bearer " + issued;
		assertThat(call("GET", B, "Patient?_count=1", token, null).statusCode()).isEqualTo(200);
		var db = io.smartvitals.conformance.support.PostgresForTests.find().orElseThrow();
		try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password());
				PreparedStatement insert = c.prepareStatement("INSERT INTO auth_revoked_token (jti, tenant_id, expires_at, revoked_at) VALUES (?, ?, ?, ?)")) {
			insert.setString(1, com.nimbusds.jwt.SignedJWT.parse(issued).getJWTClaimsSet().getJWTID());
			insert.setString(2, B);
			insert.setTimestamp(3, Timestamp.from(Instant.now().plusSeconds(300)));
			insert.setTimestamp(4, Timestamp.from(Instant.now()));
			insert.executeUpdate();
		}
		// Every node polls the table every 250 ms; wait for the refusal rather than assume a delay.
		int status = 200;
		for (int i = 0; i < 50 && status == 200; i++) {
			Thread.sleep(100);
			status = call("GET", B, "Patient?_count=1", token, null).statusCode();
		}
		assertUnauthorized(call("GET", B, "Patient?_count=1", token, null));
	}

	@Test
	void tokensOfASuspendedTenantAreRefused() {
		String tenant = "tok-s-" + SUFFIX;
		Http.createTenant(server, tenant);
		String token = server.systemAuthorization(tenant);
		assertThat(call("GET", tenant, "Patient", token, null).statusCode()).isEqualTo(200);
		Http.send("POST", server.root() + "/admin/tenants/" + tenant + "/suspend", Map.of("Authorization", "Bearer " + RunningServer.OPERATOR_TOKEN), null);
		int status = 200;
		for (int i = 0; i < 100 && status == 200; i++) {
			status = call("GET", tenant, "Patient", token, null).statusCode();
			if (status == 200) {
				sleep(100);
			}
		}
		assertThat(status).isEqualTo(403);
	}

	@Test
	void metadataNeedsNoToken() {
		assertThat(call("GET", B, "metadata", Http.NO_TOKEN, null).statusCode()).isEqualTo(200);
	}

	@Test
	void preflightIsAnsweredWithCors() {
		HttpResponse<String> preflight = Http.send("OPTIONS", server.base(B) + "/Patient", Map.of("Origin", "https://app.example",
				"Access-Control-Request-Method", "GET", "Access-Control-Request-Headers", "authorization"), null);
		assertThat(preflight.statusCode()).as("preflight %s %s", preflight.headers().map(), preflight.body()).isEqualTo(200);
		assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin").orElse("")).isIn("*", "https://app.example");
		assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers").orElse("").toLowerCase()).contains("authorization");
		HttpResponse<String> get = Http.send("GET", server.base(B) + "/" + inB.patients().get(0), Map.of("Origin", "https://app.example",
				"Authorization", server.systemAuthorization(B)), null);
		assertThat(get.headers().firstValue("Access-Control-Allow-Origin").orElse("")).isIn("*", "https://app.example");
		assertThat(id(inB.patients().get(0))).isNotBlank();
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}
}
