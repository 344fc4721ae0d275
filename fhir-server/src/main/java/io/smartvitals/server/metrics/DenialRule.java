package io.smartvitals.server.metrics;

import java.util.Locale;

/**
 * The family of rule a refusal named, for the {@code rule} tag of {@code vitals.access.denials}.
 * The audit record keeps the rule's full text (which may name a resource or a consent); a metric
 * label gets only this closed set.
 */
public enum DenialRule {
	TOKEN("token"),
	SCOPE("scope"),
	CONSENT("consent"),
	COMPARTMENT("compartment"),
	REACH("reach"),
	GRANTED_QUERY("granted-query"),
	ACCESS_DEFINING("access-defining"),
	INTERACTION("interaction"),
	BUNDLE("bundle"),
	PAGING("paging"),
	HOST("host"),
	OTHER("other");

	private final String tag;

	DenialRule(String tag) {
		this.tag = tag;
	}

	public String tag() {
		return tag;
	}

	/** Checked in this order: a rule text often names a scope and the reason it did not suffice. */
	public static DenialRule of(String rule) {
		if (rule == null || rule.isBlank()) {
			return OTHER;
		}
		String r = rule.toLowerCase(Locale.ROOT);
		if (r.startsWith("invalid_token") || r.contains("bearer") || r.contains("token was issued")) {
			return TOKEN;
		}
		if (r.contains("access-defining") || r.contains("access-policy") || r.contains("tenant administration")) {
			return ACCESS_DEFINING;
		}
		if (r.contains("consent")) {
			return CONSENT;
		}
		if (r.contains("compartment")) {
			return COMPARTMENT;
		}
		if (r.contains("organization") || r.contains("cares for") || r.contains("care for") || r.contains("reach")) {
			return REACH;
		}
		if (r.contains("granted query")) {
			return GRANTED_QUERY;
		}
		if (r.contains("entries")) {
			return BUNDLE;
		}
		if (r.contains("paging")) {
			return PAGING;
		}
		if (r.contains("allowed-hosts")) {
			return HOST;
		}
		if (r.contains("interaction") || r.contains("operation") || r.contains("unrecognised request") || r.contains("needs an instance")) {
			return INTERACTION;
		}
		if (r.contains("scope")) {
			return SCOPE;
		}
		return OTHER;
	}
}
