package io.smartvitals.smart.auth.pages;

import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * Headers every people-facing page sends (ATTACKS O7): no framing (clickjacking of the approval
 * page), no referrer (URLs carry state and client ids), no caching, and a CSP that allows the
 * page's one inline style block by hash and nothing else: no scripts at all.
 */
public final class PageHeaders {

	/** The only stylesheet of the pages; its hash is in the CSP. */
	public static final String STYLE = "body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;"
			+ "line-height:1.45;color:#1d2733}h1{font-size:1.4rem}label{display:block;margin:.35rem 0}"
			+ "fieldset{border:1px solid #c7ced6;margin:1rem 0}.error{color:#9b1c1c;font-weight:600}"
			+ "code{background:#eef1f4;padding:0 .25rem;word-break:break-all}button{margin:.5rem .5rem 0 0;padding:.4rem 1rem}"
			+ ".who{color:#52606d;font-size:.9rem}";

	public static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src '" + sha256(STYLE) + "'; "
			+ "img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'";

	private PageHeaders() {}

	public static void apply(HttpServletResponse response) {
		response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
		response.setHeader("X-Frame-Options", "DENY");
		response.setHeader("Referrer-Policy", "no-referrer");
		response.setHeader("Cache-Control", "no-store");
		response.setHeader("Pragma", "no-cache");
		response.setHeader("X-Content-Type-Options", "nosniff");
	}

	private static String sha256(String text) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
			return "sha256-" + Base64.getEncoder().encodeToString(digest);
		} catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}
}
