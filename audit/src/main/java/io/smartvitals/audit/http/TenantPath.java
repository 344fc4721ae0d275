package io.smartvitals.audit.http;

/**
 * The tenant a request's URL names: {@code /fhir/{t}/..}, {@code /auth/{t}/..} or
 * {@code /admin/tenants/{t}/..}. The raw segment, unchecked: whether such a tenant exists is the
 * tenant resolver's question.
 */
public final class TenantPath {

	private static final String[] PREFIXES = {"/fhir/", "/auth/", "/admin/tenants/"};

	private TenantPath() {}

	/** The segment after a tenant prefix, or null for a path outside every tenant. */
	public static String segment(String path) {
		if (path == null) {
			return null;
		}
		for (String prefix : PREFIXES) {
			if (path.startsWith(prefix) && path.length() > prefix.length()) {
				int end = path.indexOf('/', prefix.length());
				return end < 0 ? path.substring(prefix.length()) : path.substring(prefix.length(), end);
			}
		}
		return null;
	}
}
