package io.smartvitals.audit.admin;

import io.smartvitals.audit.chain.ChainVerification;
import io.smartvitals.audit.http.AdminAuditFilter;
import io.smartvitals.audit.store.PurgeResult;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.sql.SQLException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operator API for audit evidence (guarded with the rest of {@code /admin/**}):
 * <ul>
 *   <li>{@code GET .../audit/verify}: the chain's verification, naming the first broken link</li>
 *   <li>{@code GET .../audit/export?from&to}: NDJSON AuditEvents of [from, to); the chain's
 *       verification in headers {@code X-Audit-Chain} (intact|broken) and {@code X-Audit-Verification}</li>
 *   <li>{@code GET|PUT .../audit/retention}: the tenant's retention in days ({@code {"days": N}}, null = default)</li>
 *   <li>{@code POST .../audit/purge}: purge what retention allows, leaving a signed checkpoint</li>
 * </ul>
 */
@RestController
public class AuditAdminController {

	public static final String NDJSON = "application/fhir+ndjson";
	private final AuditAdministration audit;
	private final Predicate<String> knownTenant;

	public AuditAdminController(AuditAdministration audit, Predicate<String> knownTenant) {
		this.audit = audit;
		this.knownTenant = knownTenant;
	}

	@GetMapping(path = "/admin/tenants/{tenant}/audit/verify", produces = "application/json")
	public ResponseEntity<?> verify(@PathVariable String tenant) throws SQLException {
		if (!knownTenant.test(tenant)) {
			return notFound();
		}
		return ResponseEntity.ok(view(audit.verify(tenant)));
	}

	/** Streams synchronously into the response, so memory stays flat and the admin recorder sees the export. */
	@GetMapping(path = "/admin/tenants/{tenant}/audit/export")
	public ResponseEntity<?> export(
			@PathVariable String tenant,
			@RequestParam(required = false) String from,
			@RequestParam(required = false) String to,
			HttpServletRequest request,
			HttpServletResponse response) throws SQLException, IOException {
		if (!knownTenant.test(tenant)) {
			return notFound();
		}
		Instant start;
		Instant end;
		try {
			start = from == null ? Instant.EPOCH : Instant.parse(from);
			end = to == null ? Instant.parse("9999-12-31T00:00:00Z") : Instant.parse(to);
		} catch (DateTimeParseException e) {
			return error(HttpStatus.BAD_REQUEST, "invalid_request", "from and to must be ISO-8601 instants, e.g. 2026-11-23T00:00:00Z");
		}
		if (!start.isBefore(end)) {
			return error(HttpStatus.BAD_REQUEST, "invalid_request", "from must be before to");
		}
		ChainVerification verification = audit.verify(tenant);
		request.setAttribute(AdminAuditFilter.DETAIL, "from " + start + " to " + end + "; chain " + verification.summary());
		response.setStatus(HttpServletResponse.SC_OK);
		response.setContentType(NDJSON);
		response.setHeader("X-Audit-Chain", verification.intact() ? "intact" : "broken");
		response.setHeader("X-Audit-Verification", verification.summary());
		response.setHeader("Cache-Control", "no-store");
		OutputStream out = response.getOutputStream();
		audit.export(tenant, start, end, out);
		out.flush();
		return null;
	}

	@GetMapping(path = "/admin/tenants/{tenant}/audit/retention", produces = "application/json")
	public ResponseEntity<?> retention(@PathVariable String tenant) throws SQLException {
		if (!knownTenant.test(tenant)) {
			return notFound();
		}
		return ResponseEntity.ok(Map.of("tenant", tenant, "days", audit.retention(tenant).toDays()));
	}

	public record RetentionRequest(Integer days) {}

	@PutMapping(path = "/admin/tenants/{tenant}/audit/retention", consumes = "application/json", produces = "application/json")
	public ResponseEntity<?> setRetention(@PathVariable String tenant, @RequestBody RetentionRequest body, HttpServletRequest request)
			throws SQLException {
		if (!knownTenant.test(tenant)) {
			return notFound();
		}
		try {
			audit.setRetentionDays(tenant, body == null ? null : body.days());
		} catch (IllegalArgumentException e) {
			return error(HttpStatus.BAD_REQUEST, "invalid_request", e.getMessage());
		}
		request.setAttribute(AdminAuditFilter.DETAIL, "retention " + (body == null || body.days() == null ? "default" : body.days() + " days"));
		return ResponseEntity.ok(Map.of("tenant", tenant, "days", audit.retention(tenant).toDays()));
	}

	@PostMapping(path = "/admin/tenants/{tenant}/audit/purge", produces = "application/json")
	public ResponseEntity<?> purge(@PathVariable String tenant, HttpServletRequest request) throws SQLException {
		if (!knownTenant.test(tenant)) {
			return notFound();
		}
		PurgeResult result = audit.purge(tenant);
		if (result.refusedBecause() != null) {
			request.setAttribute(AdminAuditFilter.DETAIL, "refused: chain broken");
			Map<String, Object> body = new LinkedHashMap<>();
			body.put("error", "chain_broken");
			body.put("error_description", "The audit chain does not verify; nothing was purged");
			body.put("verification", view(result.refusedBecause()));
			return ResponseEntity.status(HttpStatus.CONFLICT).body(body);
		}
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("tenant", tenant);
		body.put("purged", result.purged());
		if (result.checkpoint() != null) {
			body.put("checkpoint", Map.of(
					"throughSeq", result.checkpoint().throughSeq(),
					"throughHash", result.checkpoint().throughHash(),
					"cutoff", result.checkpoint().cutoff().toString(),
					"keyId", result.checkpoint().keyId(),
					"signature", result.checkpoint().signature()));
		}
		request.setAttribute(AdminAuditFilter.DETAIL, "purged " + result.purged() + " records"
				+ (result.checkpoint() == null ? "" : " through seq " + result.checkpoint().throughSeq()));
		return ResponseEntity.ok(body);
	}

	static Map<String, Object> view(ChainVerification v) {
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("tenant", v.tenant());
		view.put("intact", v.intact());
		view.put("recordsChecked", v.recordsChecked());
		view.put("firstBrokenSeq", v.firstBrokenSeq());
		view.put("reason", v.reason());
		view.put("checkpointSeq", v.checkpointSeq());
		view.put("lastSeq", v.lastSeq());
		view.put("lastHash", v.lastHash());
		return view;
	}

	private static ResponseEntity<Map<String, String>> notFound() {
		return error(HttpStatus.NOT_FOUND, "not_found", "No such tenant");
	}

	private static ResponseEntity<Map<String, String>> error(HttpStatus status, String error, String description) {
		return ResponseEntity.status(status).body(Map.of("error", error, "error_description", description));
	}
}
