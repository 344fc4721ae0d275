package io.smartvitals.smart.auth.pages;

/**
 * What the templates' escaping does not do: control characters have no business on a page
 * (ATTACKS X3), so a rendered page shows them as U+FFFD. Markup escaping is Thymeleaf's.
 */
final class Html {

	private Html() {}

	static String withoutControlCharacters(String page) {
		StringBuilder out = null;
		for (int i = 0; i < page.length(); i++) {
			char c = page.charAt(i);
			if (c < 0x20 && c != '\n' && c != '\t' && c != '\r' || c == 0x7f) {
				if (out == null) {
					out = new StringBuilder(page.length()).append(page, 0, i);
				}
				out.append('\uFFFD');
			} else if (out != null) {
				out.append(c);
			}
		}
		return out == null ? page : out.toString();
	}
}
