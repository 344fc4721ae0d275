package io.smartvitals.audit.http;

import io.smartvitals.audit.record.AuditAction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an admin API request did, from its method, path and answer. The tenant is the path's
 * ({@code /admin/tenants/{tenant}/...}); for tenant creation it is the created tenant's id from the
 * {@code Location} header, since the path has none.
 *
 * @param tenant the tenant the call concerned, or null when none (listing, failed creation)
 */
public record AdminAction(AuditAction action, String tenant) {

	private static final Pattern TENANT_PATH = Pattern.compile("^/admin/tenants/([^/]+)(/.*)?$");
	private static final Pattern CLIENT_PATH = Pattern.compile("^/clients/[^/]+(/[a-z-]+)?$");
	private static final Pattern ROLE_PATH = Pattern.compile("^/users/[^/]+/roles/[^/]+$");
	private static final Pattern CREATED = Pattern.compile("^(?:.*)/admin/tenants/([^/?#]+)$");

	public static AdminAction classify(String method, String path, int status, String location) {
		boolean post = "POST".equalsIgnoreCase(method);
		if (post && ("/admin/tenants".equals(path) || "/admin/tenants/".equals(path))) {
			String created = null;
			if (location != null && status == 201) {
				Matcher m = CREATED.matcher(location);
				created = m.matches() ? m.group(1) : null;
			}
			return new AdminAction(status == 201 ? AuditAction.TENANT_CREATED : AuditAction.ADMIN_REQUEST, created);
		}
		Matcher m = TENANT_PATH.matcher(path);
		if (!m.matches()) {
			return new AdminAction(AuditAction.ADMIN_REQUEST, null);
		}
		String tenant = m.group(1);
		String rest = m.group(2) == null ? "" : m.group(2);
		AuditAction action = AuditAction.ADMIN_REQUEST;
		Matcher client = CLIENT_PATH.matcher(rest);
		if (ROLE_PATH.matcher(rest).matches() && ("PUT".equalsIgnoreCase(method) || "DELETE".equalsIgnoreCase(method))) {
			action = "PUT".equalsIgnoreCase(method) ? AuditAction.USER_ROLE_GRANTED : AuditAction.USER_ROLE_REVOKED;
		} else if (post && "/clients".equals(rest)) {
			action = AuditAction.CLIENT_CREATED;
		} else if (client.matches() && (post || "PUT".equalsIgnoreCase(method) || "PATCH".equalsIgnoreCase(method))) {
			String verb = client.group(1) == null ? "" : client.group(1);
			action = switch (verb) {
				case "/disable" -> AuditAction.CLIENT_DISABLED;
				case "/rotate-secret" -> AuditAction.CLIENT_SECRET_ROTATED;
				default -> AuditAction.CLIENT_CHANGED;
			};
		} else if (post) {
			action = switch (rest) {
				case "/suspend" -> AuditAction.TENANT_SUSPENDED;
				case "/resume" -> AuditAction.TENANT_RESUMED;
				case "/keys/rotate" -> AuditAction.KEY_ROTATED;
				case "/audit/purge" -> AuditAction.AUDIT_PURGED;
				default -> AuditAction.ADMIN_REQUEST;
			};
		} else if ("PUT".equalsIgnoreCase(method) && "/audit/retention".equals(rest)) {
			action = AuditAction.AUDIT_RETENTION_CHANGED;
		} else if ("GET".equalsIgnoreCase(method) && "/audit/verify".equals(rest)) {
			action = AuditAction.AUDIT_VERIFIED;
		} else if ("GET".equalsIgnoreCase(method) && "/audit/export".equals(rest)) {
			action = AuditAction.AUDIT_EXPORTED;
		}
		return new AdminAction(action, tenant);
	}
}
