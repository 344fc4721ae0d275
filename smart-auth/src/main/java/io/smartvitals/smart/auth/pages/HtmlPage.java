package io.smartvitals.smart.auth.pages;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.security.web.csrf.CsrfToken;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * One server-rendered page: a Thymeleaf template under {@code templates/auth/} (each fills
 * {@code layout.html}: the tenant's name on top, the one stylesheet, {@code th:text} escaping every
 * value) and its values. {@link #send} adds {@link PageHeaders}.
 */
public final class HtmlPage {

	private static final TemplateEngine TEMPLATES = templates();
	private final String template;
	private final Map<String, Object> values = new HashMap<>();

	private HtmlPage(String template, String title) {
		this.template = template;
		values.put("title", title);
		values.put("style", PageHeaders.STYLE);
	}

	/** @param template the file name under {@code templates/auth/}, without {@code .html} */
	public static HtmlPage of(String template, String title) {
		return new HtmlPage(template, title);
	}

	/** A page that only says something: a heading and one paragraph. */
	public static HtmlPage message(String title, String heading, String message) {
		return of("message", title).with("heading", heading).with("message", message);
	}

	public HtmlPage with(String name, Object value) {
		values.put(name, value);
		return this;
	}

	/** The organization the page belongs to, shown on top of it. */
	public HtmlPage tenant(String id, String displayName) {
		return with("tenant", id).with("tenantName", displayName);
	}

	/** The CSRF field of the request's token; fails when CSRF protection is not set up, never renders an unprotected form. */
	public HtmlPage csrf(HttpServletRequest request) {
		CsrfToken token = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
		if (token == null) {
			throw new IllegalStateException("No CSRF token on the request: apply PeoplePagesSecurity to this path");
		}
		return with("csrf", token);
	}

	public String render() {
		return Html.withoutControlCharacters(TEMPLATES.process("auth/" + template, new Context(Locale.ENGLISH, values)));
	}

	public void send(HttpServletResponse response, int status) throws IOException {
		PageHeaders.apply(response);
		response.setStatus(status);
		response.setContentType("text/html;charset=UTF-8");
		response.getWriter().write(render());
	}

	/** 303 See Other: the answer to every form post, so a reload never re-posts. */
	public static void seeOther(HttpServletResponse response, String location) {
		PageHeaders.apply(response);
		response.setStatus(HttpServletResponse.SC_SEE_OTHER);
		response.setHeader("Location", location);
	}

	private static TemplateEngine templates() {
		ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver(HtmlPage.class.getClassLoader());
		resolver.setPrefix("templates/");
		resolver.setSuffix(".html");
		resolver.setTemplateMode(TemplateMode.HTML);
		resolver.setCharacterEncoding("UTF-8");
		resolver.setCacheable(true);
		TemplateEngine engine = new TemplateEngine();
		engine.setTemplateResolver(resolver);
		return engine;
	}
}
