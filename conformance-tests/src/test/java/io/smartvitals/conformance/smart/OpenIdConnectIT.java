package io.smartvitals.conformance.smart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.smartvitals.conformance.smart.AuthorizationFlow.Outcome;
import io.smartvitals.conformance.smart.TokenEndpoint.Answer;
import io.smartvitals.conformance.support.Http;
import io.smartvitals.conformance.support.PostgresSuite;
import java.net.URI;
import java.util.Date;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** CHECKLIST "OpenID Connect" O1-O3: the id_token, verified with Nimbus against the tenant's published JWKS. */
class OpenIdConnectIT extends PostgresSuite {

	private static SmartTenant tenant;

	@BeforeAll
	static void tenant() {
		tenant = SmartTenant.create(server, "oidc");
	}

	record SignedIn(AuthorizationFlow flow, JsonNode tokens, SignedJWT idToken) {}

	private static SignedIn signIn(String user, String scope) throws Exception {
		AuthorizationFlow flow = new AuthorizationFlow(tenant, tenant.symmetricApp, scope).as(user);
		Outcome outcome = flow.run();
		assertThat(outcome.issuedCode()).as(outcome.toString()).isTrue();
		Answer answer = TokenEndpoint.exchange(flow, outcome.code());
		assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
		return new SignedIn(flow, answer.json(), SignedJWT.parse(answer.json().get("id_token").asText()));
	}

	@Test
	@DisplayName("O1 id_token is RS256, its kid is in the JWKS and the signature verifies")
	void o1SignatureVerifiesAgainstTheJwks() throws Exception {
		SignedJWT idToken = signIn(SmartTenant.PRACTITIONER_USER, "openid fhirUser user/*.rs").idToken();
		assertThat(idToken.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
		JWKSet jwks = JWKSet.load(URI.create(tenant.issuer() + "/jwks").toURL());
		RSAKey key = (RSAKey) jwks.getKeyByKeyId(idToken.getHeader().getKeyID());
		assertThat(key).as("kid %s in the JWKS", idToken.getHeader().getKeyID()).isNotNull();
		assertThat(idToken.verify(new RSASSAVerifier(key))).isTrue();
	}

	@Test
	@DisplayName("O2 id_token claims: iss, aud, exp, iat, sub, nonce")
	void o2Claims() throws Exception {
		SignedIn signedIn = signIn(SmartTenant.PRACTITIONER_USER, "openid fhirUser user/*.rs");
		JWTClaimsSet claims = signedIn.idToken().getJWTClaimsSet();
		assertThat(claims.getIssuer()).isEqualTo(tenant.issuer());
		assertThat(claims.getAudience()).contains(tenant.symmetricApp.id());
		assertThat(claims.getExpirationTime()).isAfter(new Date());
		assertThat(claims.getIssueTime()).isNotNull();
		assertThat(claims.getSubject()).isNotBlank();
		assertThat(claims.getStringClaim("nonce")).isEqualTo(signedIn.flow().parameters.get("nonce"));
	}

	@Test
	@DisplayName("O3 fhirUser of a practitioner is a Practitioner URL readable with the access token")
	void o3PractitionerFhirUserIsReadable() throws Exception {
		SignedIn signedIn = signIn(SmartTenant.PRACTITIONER_USER, "openid fhirUser user/*.rs");
		String fhirUser = signedIn.idToken().getJWTClaimsSet().getStringClaim("fhirUser");
		assertThat(fhirUser).matches("(" + java.util.regex.Pattern.quote(tenant.base()) + "/)?Practitioner/" + tenant.practitioner);
		String url = fhirUser.startsWith("http") ? fhirUser : tenant.base() + "/" + fhirUser;
		assertThat(Http.get(url, "Bearer " + signedIn.tokens().get("access_token").asText()).statusCode()).isEqualTo(200);
	}

	@Test
	@DisplayName("O3 fhirUser of a patient is a Patient URL readable with a patient/ token")
	void o3PatientFhirUserIsReadable() throws Exception {
		SignedIn signedIn = signIn(SmartTenant.PATIENT_USER, "openid fhirUser launch/patient patient/*.rs");
		String fhirUser = signedIn.idToken().getJWTClaimsSet().getStringClaim("fhirUser");
		assertThat(fhirUser).matches("(" + java.util.regex.Pattern.quote(tenant.base()) + "/)?Patient/" + tenant.patient);
		String url = fhirUser.startsWith("http") ? fhirUser : tenant.base() + "/" + fhirUser;
		assertThat(Http.get(url, "Bearer " + signedIn.tokens().get("access_token").asText()).statusCode()).isEqualTo(200);
	}
}
