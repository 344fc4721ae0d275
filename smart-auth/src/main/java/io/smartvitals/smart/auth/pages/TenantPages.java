package io.smartvitals.smart.auth.pages;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.function.Function;
import java.util.function.Predicate;

/** Which tenants the pages serve (active, known) and what they are called; an unknown tenant gets a 404 page. */
public class TenantPages {

	private final Predicate<String> servable;
	private final Function<String, String> displayName;

	public TenantPages(Predicate<String> servable, Function<String, String> displayName) {
		this.servable = servable;
		this.displayName = displayName;
	}

	/** @return true if the tenant is served; otherwise a 404 page has been sent */
	public boolean servable(String tenant, HttpServletResponse response) throws IOException {
		if (servable.test(tenant)) {
			return true;
		}
		HtmlPage.message("Not found", "Not found", "There is no such organization here.").send(response, HttpServletResponse.SC_NOT_FOUND);
		return false;
	}

	public boolean servable(String tenant) {
		return servable.test(tenant);
	}

	/** A page of this tenant: its name on top. */
	public HtmlPage page(String tenant, String template, String title) {
		return HtmlPage.of(template, title).tenant(tenant, displayName(tenant));
	}

	public String displayName(String tenant) {
		String name = displayName.apply(tenant);
		return name == null || name.isBlank() ? tenant : name;
	}
}
