package io.smartvitals.conformance.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.smartvitals.conformance.support.AuditExport;
import io.smartvitals.conformance.support.Http;
import io.smartvitals.conformance.support.PostgresSuite;
import io.smartvitals.conformance.support.RunningServer;
import java.io.ByteArrayInputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.hl7.fhir.r4.model.AuditEvent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Requests refused before HAPI (Tomcat's own connector, Spring Security's firewall, the body limit,
 * the FHIR path guard, an inactive tenant at {@code /auth}) leave an audit record with the request id, in the chain of
 * the tenant their path names, or in the server chain when that tenant does not exist.
 */
class RefusedRequestEvidenceIT extends PostgresSuite {

	/** vitals.max-request-body's default (10MB), which the conformance server runs with. */
	private static final int BODY_LIMIT = 10 * 1024 * 1024;
	private static String tenant;

	@BeforeAll
	static void tenant() {
		tenant = Http.createTenant(server, "refused-" + UUID.randomUUID().toString().substring(0, 6));
	}

	private static String newRequestId(String what) {
		return what + "-" + UUID.randomUUID();
	}

	private static HttpResponse<String> get(String path, String requestId) {
		return Http.send("GET", server.root() + path, Map.of("Accept", "application/fhir+json", "X-Request-Id", requestId), null);
	}

	@Test
	void firewallRefusalIsRecordedInTheNamedTenantsChain() {
		String id = newRequestId("firewall");
		HttpResponse<String> refused = get("/fhir/" + tenant + ";x=other/Patient", id);
		assertThat(refused.statusCode()).isEqualTo(400);

		AuditEvent event = recorded(tenant, id);
		assertRefusal(event, 400, "http-firewall");
		assertThat(detail(event)).isEqualTo("GET /fhir/" + tenant + ";x=other/Patient");
	}

	@Test
	void oversizedBodyIsRecordedAs413() throws Exception {
		String id = newRequestId("too-large");
		byte[] body = ("{\"resourceType\":\"Patient\",\"name\":[{\"family\":\"" + "x".repeat(BODY_LIMIT) + "\"}]}").getBytes();
		// Chunked (no Content-Length): the server reads to the limit, so the small rest is swallowed, not reset.
		HttpRequest request = HttpRequest.newBuilder(URI.create(server.base(tenant) + "/Patient"))
				.header("Content-Type", "application/fhir+json")
				.header("Authorization", server.systemAuthorization(tenant))
				.header("X-Request-Id", id)
				.POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
				.build();
		assertThat(HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(413);

		AuditEvent event = recorded(tenant, id);
		assertRefusal(event, 413, "request-body-limit");
		assertThat(detail(event)).isEqualTo("POST /fhir/" + tenant + "/Patient");
	}

	@Test
	void pathTrickIsRecordedInTheNamedTenantsChain() {
		String id = newRequestId("path-trick");
		HttpResponse<String> refused = get("/fhir/" + tenant + "//Patient", id);
		assertThat(refused.statusCode()).isEqualTo(400);
		assertThat(refused.body()).contains("Malformed request path");

		AuditEvent event = recorded(tenant, id);
		assertRefusal(event, 400, "fhir-path");
		assertThat(detail(event)).isEqualTo("GET /fhir/" + tenant + "//Patient");
	}

	@Test
	void encodedSlashRefusedByTomcatItselfIsRecordedInTheServerChainNamingTheClaim() throws Exception {
		String id = newRequestId("encoded-slash");
		String path = "/fhir/" + tenant + "%2F..%2Fother/Patient";
		assertThat(get(path, id).statusCode()).isEqualTo(400);

		Map<String, Object> row = serverChainRecord(id).orElseThrow(() -> new AssertionError("No server-chain record " + id));
		assertThat(row).containsEntry("action", "request-refused").containsEntry("status", 400)
				.containsEntry("decided_by", "http-connector").containsEntry("actor_id", "anonymous");
		assertThat((String) row.get("detail")).isEqualTo("tenant " + tenant + "%2F..%2Fother: GET " + path);
	}

	@Test
	void headersOverTomcatsLimitAreRecordedInTheNamedTenantsChain() throws Exception {
		String path = "/fhir/" + tenant + "/Patient/oversized-" + UUID.randomUUID();
		// server.max-http-request-header-size is 16KB: Tomcat answers 400 before any filter runs.
		HttpRequest request = HttpRequest.newBuilder(URI.create(server.root() + path)).header("X-Padding", "x".repeat(20_000)).GET().build();
		assertThat(HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(400);

		// Recorded after Tomcat's answer went out, so it may arrive a moment after the client has it.
		AuditEvent event = null;
		for (long deadline = System.currentTimeMillis() + 10_000; event == null && System.currentTimeMillis() < deadline; Thread.sleep(200)) {
			event = exported(tenant).stream()
					.filter(e -> e.getEntity().stream().anyMatch(entity -> ("GET " + path).equals(entity.getDescription())))
					.findFirst().orElse(null);
		}
		assertThat(event).as("record of the refused request " + path).isNotNull();
		assertRefusal(event, 400, "http-connector");
	}

	@Test
	void aMalformedRequestLineRefusedByTomcatIsRecordedInTheServerChain() throws Exception {
		long before = connectorRefusalsInServerChain();
		URI root = URI.create(server.root());
		try (Socket socket = new Socket(root.getHost(), root.getPort())) {
			// '{' is not allowed in a request target: Tomcat refuses the request line itself, before any header is read.
			socket.getOutputStream().write("GET /fhir/x{y}/Patient HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
			String statusLine = new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
			assertThat(statusLine).isEqualTo("HTTP/1.1 400");
		}
		long deadline = System.currentTimeMillis() + 10_000;
		while (connectorRefusalsInServerChain() == before && System.currentTimeMillis() < deadline) {
			Thread.sleep(200);
		}
		assertThat(connectorRefusalsInServerChain()).isGreaterThan(before);
	}

	private static long connectorRefusalsInServerChain() throws Exception {
		try (Connection c = DriverManager.getConnection(server.database().url(), server.database().user(), server.database().password());
				PreparedStatement count = c.prepareStatement("SELECT count(*) FROM audit_record WHERE tenant_id = '_server'"
						+ " AND action = 'request-refused' AND decided_by = 'http-connector' AND status = 400");
				ResultSet rs = count.executeQuery()) {
			rs.next();
			return rs.getLong(1);
		}
	}

	@Test
	void tokenRequestAtASuspendedTenantIsRecordedInItsChain() {
		String suspended = Http.createTenant(server, "refused-s-" + UUID.randomUUID().toString().substring(0, 6));
		assertThat(admin("POST", "/admin/tenants/" + suspended + "/suspend").statusCode()).isEqualTo(200);
		String id = newRequestId("auth-suspended");
		HttpResponse<String> refused = Http.send("POST", server.root() + "/auth/" + suspended + "/token",
				Map.of("Content-Type", "application/x-www-form-urlencoded", "X-Request-Id", id), "grant_type=client_credentials");
		assertThat(refused.statusCode()).isEqualTo(404);

		assertRefusal(recorded(suspended, id), 404, "auth-tenant-not-active");
	}

	@Test
	void refusalForAnUnknownTenantGoesToTheServerChainNamingTheClaim() throws Exception {
		String claimed = "no-such-" + UUID.randomUUID().toString().substring(0, 8);
		String id = newRequestId("unknown-tenant");
		assertThat(get("/fhir/" + claimed + ";x=" + tenant + "/Patient", id).statusCode()).isEqualTo(400);

		Map<String, Object> row = serverChainRecord(id).orElseThrow(() -> new AssertionError("No server-chain record " + id));
		assertThat(row).containsEntry("action", "request-refused").containsEntry("status", 400)
				.containsEntry("decided_by", "http-firewall").containsEntry("actor_id", "anonymous");
		assertThat((String) row.get("detail")).isEqualTo("tenant " + claimed + ": GET /fhir/" + claimed + ";x=" + tenant + "/Patient");
		assertThat(exported(tenant)).noneMatch(e -> id.equals(requestId(e)));
	}

	private static void assertRefusal(AuditEvent event, int status, String rule) {
		assertThat(event.getSubtype()).anyMatch(c -> c.getSystem().endsWith("audit-action") && "request-refused".equals(c.getCode()));
		assertThat(event.getOutcomeDesc()).contains("(HTTP " + status + ")").contains("rule: " + rule);
		assertThat(event.getAgentFirstRep().getWho().getIdentifier().getValue()).isEqualTo("anonymous");
	}

	private static HttpResponse<String> admin(String method, String path) {
		return Http.send(method, server.root() + path, Map.of("Authorization", "Bearer " + RunningServer.OPERATOR_TOKEN), null);
	}

	/** Read through the admin export, which also brings in records still on their way into the chain. */
	private static AuditEvent recorded(String tenant, String requestId) {
		return exported(tenant).stream().filter(e -> requestId.equals(requestId(e))).findFirst()
				.orElseThrow(() -> new AssertionError("No audit record with request id " + requestId + " in " + tenant));
	}

	private static List<AuditEvent> exported(String tenant) {
		AuditExport export = AuditExport.of(server, tenant);
		assertThat(export.chain()).isEqualTo("intact");
		return export.events();
	}

	private static String requestId(AuditEvent event) {
		return AuditExport.requestId(event);
	}

	private static String detail(AuditEvent event) {
		return event.getEntity().stream().filter(e -> e.getDescription() != null).findFirst().orElseThrow().getDescription();
	}

	/**
	 * The server chain has no admin endpoint, so it is read in SQL; polled for a few seconds, since
	 * a record may reach the chain shortly after the answer.
	 */
	private static Optional<Map<String, Object>> serverChainRecord(String requestId) throws Exception {
		long deadline = System.currentTimeMillis() + 10_000;
		try (Connection c = DriverManager.getConnection(server.database().url(), server.database().user(), server.database().password());
				PreparedStatement select = c.prepareStatement("SELECT action, status, decided_by, actor_id, detail FROM audit_record"
						+ " WHERE tenant_id = '_server' AND request_id = ?")) {
			select.setString(1, requestId);
			while (true) {
				try (ResultSet rs = select.executeQuery()) {
					if (rs.next()) {
						return Optional.of(Map.of("action", rs.getString(1), "status", rs.getInt(2), "decided_by", rs.getString(3),
								"actor_id", rs.getString(4), "detail", rs.getString(5)));
					}
				}
				if (System.currentTimeMillis() > deadline) {
					return Optional.empty();
				}
				Thread.sleep(200);
			}
		}
	}
}
