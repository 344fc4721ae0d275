package io.smartvitals.audit.record;

import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What happened, as a stable code. FHIR REST interactions use HAPI's operation codes
 * ({@code read}, {@code search-type}, {@code create}, ...); security and admin events use the
 * constants below. Unknown codes are allowed (a newer node may write them) and count as "execute".
 */
public record AuditAction(String code) {

	private static final Pattern CODE = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

	/** Where an action belongs; decides the AuditEvent type. */
	public enum Category {
		REST,
		AUTHENTICATION,
		SECURITY_ADMIN
	}

	public static final AuditAction LOGIN_SUCCESS = new AuditAction("login-success");
	public static final AuditAction LOGIN_FAILURE = new AuditAction("login-failure");
	public static final AuditAction MFA_ENROLLED = new AuditAction("mfa-enrolled");
	public static final AuditAction MFA_FAILURE = new AuditAction("mfa-failure");
	public static final AuditAction LOCKOUT = new AuditAction("lockout");
	public static final AuditAction LAUNCH_CREATED = new AuditAction("launch-created");
	public static final AuditAction TOKEN_ISSUED = new AuditAction("token-issued");
	public static final AuditAction TOKEN_REFRESHED = new AuditAction("token-refreshed");
	public static final AuditAction TOKEN_INTROSPECTED = new AuditAction("token-introspected");
	public static final AuditAction TOKEN_REVOKED = new AuditAction("token-revoked");
	public static final AuditAction CLIENT_CREATED = new AuditAction("client-created");
	public static final AuditAction CLIENT_CHANGED = new AuditAction("client-changed");
	public static final AuditAction CLIENT_SECRET_ROTATED = new AuditAction("client-secret-rotated");
	public static final AuditAction CLIENT_DISABLED = new AuditAction("client-disabled");
	public static final AuditAction CONSENT_CREATED = new AuditAction("consent-created");
	public static final AuditAction CONSENT_REVOKED = new AuditAction("consent-revoked");
	public static final AuditAction KEY_ROTATED = new AuditAction("key-rotated");
	public static final AuditAction USER_ROLE_GRANTED = new AuditAction("user-role-granted");
	public static final AuditAction USER_ROLE_REVOKED = new AuditAction("user-role-revoked");
	public static final AuditAction TENANT_CREATED = new AuditAction("tenant-created");
	public static final AuditAction TENANT_SUSPENDED = new AuditAction("tenant-suspended");
	public static final AuditAction TENANT_RESUMED = new AuditAction("tenant-resumed");
	public static final AuditAction ENFORCEMENT_DISABLED = new AuditAction("enforcement-disabled");
	public static final AuditAction AUDIT_DISABLED = new AuditAction("audit-disabled");
	/** Records of reads are committed without waiting for the flush ({@code vitals.audit.read-commit=asynchronous}). */
	public static final AuditAction AUDIT_READS_ASYNCHRONOUS = new AuditAction("audit-reads-asynchronous");
	public static final AuditAction AUDIT_PURGED = new AuditAction("audit-purged");
	public static final AuditAction AUDIT_RETENTION_CHANGED = new AuditAction("audit-retention-changed");
	public static final AuditAction AUDIT_VERIFIED = new AuditAction("audit-verified");
	public static final AuditAction AUDIT_EXPORTED = new AuditAction("audit-exported");
	/** Any other admin API request (reads, refused calls). */
	public static final AuditAction ADMIN_REQUEST = new AuditAction("admin-request");
	/** An HTTP request refused before it reached the FHIR server or its handler (firewall, body limit, path tricks). */
	public static final AuditAction REQUEST_REFUSED = new AuditAction("request-refused");

	/** AuditEvent.action (C, R, U, D, E) of the REST interactions and events that are not "execute". */
	private static final Map<String, Character> CRUDE = Map.ofEntries(
			Map.entry("read", 'R'), Map.entry("vread", 'R'), Map.entry("history-instance", 'R'),
			Map.entry("history-type", 'R'), Map.entry("history-system", 'R'), Map.entry("metadata", 'R'),
			Map.entry("get-page", 'R'), Map.entry("graphql-request", 'R'),
			Map.entry("search-type", 'E'), Map.entry("search-system", 'E'),
			Map.entry("create", 'C'), Map.entry("update", 'U'), Map.entry("patch", 'U'), Map.entry("delete", 'D'),
			Map.entry("client-created", 'C'), Map.entry("tenant-created", 'C'), Map.entry("consent-created", 'C'),
			Map.entry("launch-created", 'C'), Map.entry("token-issued", 'C'), Map.entry("user-role-granted", 'C'),
			Map.entry("client-changed", 'U'), Map.entry("client-secret-rotated", 'U'), Map.entry("client-disabled", 'U'),
			Map.entry("tenant-suspended", 'U'), Map.entry("tenant-resumed", 'U'), Map.entry("key-rotated", 'U'),
			Map.entry("audit-retention-changed", 'U'), Map.entry("enforcement-disabled", 'U'), Map.entry("audit-disabled", 'U'),
			Map.entry("audit-reads-asynchronous", 'U'), Map.entry("audit-reads-journaled", 'U'),
			Map.entry("token-revoked", 'D'), Map.entry("user-role-revoked", 'D'), Map.entry("consent-revoked", 'D'),
			Map.entry("audit-purged", 'D'),
			Map.entry("audit-exported", 'R'), Map.entry("audit-verified", 'R'), Map.entry("token-introspected", 'R'));

	private static final java.util.Set<String> AUTHENTICATION = java.util.Set.of(
			"login-success", "login-failure", "mfa-enrolled", "mfa-failure", "lockout");
	// "audit-reads-journaled" and "audit-journal-damaged" are no longer written (the node journal is
	// gone) but stay mapped: chains written before its removal still hold them.
	private static final java.util.Set<String> SECURITY_ADMIN = java.util.Set.of(
			"launch-created", "token-issued", "token-refreshed", "token-introspected", "token-revoked", "client-created",
			"client-changed", "client-secret-rotated", "client-disabled", "consent-created", "consent-revoked", "key-rotated",
			"user-role-granted", "user-role-revoked",
			"tenant-created", "tenant-suspended", "tenant-resumed", "enforcement-disabled", "audit-disabled",
			"audit-reads-asynchronous", "audit-reads-journaled", "audit-journal-damaged", "audit-purged", "audit-retention-changed", "audit-verified", "audit-exported", "admin-request", "request-refused");

	public AuditAction {
		Objects.requireNonNull(code, "code");
		if (!CODE.matcher(code).matches()) {
			throw new IllegalArgumentException("Not an audit action code: " + code);
		}
	}

	/** A FHIR REST interaction by HAPI's operation code ({@code RestOperationTypeEnum.getCode()}). */
	public static AuditAction rest(String interactionCode) {
		String code = interactionCode == null || interactionCode.isBlank()
				? "unknown-interaction"
				: interactionCode.startsWith("$") ? "operation" : interactionCode.toLowerCase(java.util.Locale.ROOT);
		return CODE.matcher(code).matches() ? new AuditAction(code) : new AuditAction("operation");
	}

	public Category category() {
		if (AUTHENTICATION.contains(code)) {
			return Category.AUTHENTICATION;
		}
		return SECURITY_ADMIN.contains(code) ? Category.SECURITY_ADMIN : Category.REST;
	}

	/** The FHIR AuditEvent.action letter: C, R, U, D or E. */
	public char crude() {
		return CRUDE.getOrDefault(code, 'E');
	}

	@Override
	public String toString() {
		return code;
	}
}
