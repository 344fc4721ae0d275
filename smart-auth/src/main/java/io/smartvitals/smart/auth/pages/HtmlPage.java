package io.smartvitals.smart.auth.pages;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.web.csrf.CsrfToken;

/**
 * One server-rendered page. Markup is appended with {@link #raw} (literals only) and values with
 * {@link #text} (escaped); {@link #send} adds {@link PageHeaders}.
 */
public final class HtmlPage {

	private final String title;
	private final StringBuilder body = new StringBuilder();

	private HtmlPage(String title) {
		this.title = title;
	}

	public static HtmlPage titled(String title) {
		return new HtmlPage(title);
	}

	/** Trusted markup written in this code base, never a value from a request or the database. */
	public HtmlPage raw(String markup) {
		body.append(markup);
		return this;
	}

	public HtmlPage text(Object value) {
		body.append(Html.escape(value));
		return this;
	}

	public HtmlPage heading(String text) {
		return raw("<h1>").text(text).raw("</h1>\n");
	}

	public HtmlPage paragraph(String text) {
		return raw("<p>").text(text).raw("</p>\n");
	}

	public HtmlPage error(String text) {
		return text == null ? this : raw("<p class=\"error\" role=\"alert\">").text(text).raw("</p>\n");
	}

	public HtmlPage hidden(String name, String value) {
		return raw("<input type=\"hidden\" name=\"").text(name).raw("\" value=\"").text(value).raw("\">\n");
	}

	/** The CSRF field of the request's token; fails when CSRF protection is not set up, never renders an unprotected form. */
	public HtmlPage csrf(HttpServletRequest request) {
		CsrfToken token = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
		if (token == null) {
			throw new IllegalStateException("No CSRF token on the request: apply PeoplePagesSecurity to this path");
		}
		return hidden(token.getParameterName(), token.getToken());
	}

	public String render() {
		return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
				+ "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
				+ "<title>" + Html.escape(title) + "</title><style>" + PageHeaders.STYLE + "</style></head>\n<body>\n"
				+ body + "</body></html>\n";
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
}
