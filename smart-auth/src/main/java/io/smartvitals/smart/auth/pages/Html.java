package io.smartvitals.smart.auth.pages;

/** Escaping for HTML text and quoted attribute values; every value that is not a literal goes through it. */
public final class Html {

	private Html() {}

	public static String escape(Object value) {
		if (value == null) {
			return "";
		}
		String text = value.toString();
		StringBuilder out = new StringBuilder(text.length() + 16);
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			switch (c) {
				case '&' -> out.append("&amp;");
				case '<' -> out.append("&lt;");
				case '>' -> out.append("&gt;");
				case '"' -> out.append("&quot;");
				case '\'' -> out.append("&#39;");
				default -> {
					// Control characters have no business on a page (ATTACKS X3); show them as U+FFFD.
					if (c < 0x20 && c != '\n' && c != '\t' || c == 0x7f) {
						out.append('\uFFFD');
					} else {
						out.append(c);
					}
				}
			}
		}
		return out.toString();
	}
}
