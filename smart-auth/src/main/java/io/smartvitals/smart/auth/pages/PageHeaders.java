package io.smartvitals.smart.auth.pages;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
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

	/** The only stylesheet of the pages ({@code pages/pages.css}), inlined in each; its hash is in the CSP. */
	public static final String STYLE = stylesheet();

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

	private static String stylesheet() {
		try (InputStream in = PageHeaders.class.getResourceAsStream("/pages/pages.css")) {
			if (in == null) {
				throw new IllegalStateException("pages/pages.css is missing from the classpath");
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
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
