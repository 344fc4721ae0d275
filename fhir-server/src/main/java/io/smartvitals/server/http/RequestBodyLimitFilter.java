package io.smartvitals.server.http;

import io.smartvitals.audit.http.RefusalEvidence;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses request bodies over the configured limit with 413 and an OperationOutcome, before
 * HAPI parses anything. A declared Content-Length is checked up front; a chunked body is read
 * up to the limit, and replayed to HAPI only if it fits. Each refusal is recorded (rule
 * {@value #RULE}) before it is answered.
 */
public class RequestBodyLimitFilter extends OncePerRequestFilter {

	public static final String RULE = "request-body-limit";
	private final long maxBytes;
	private final RefusalEvidence evidence;

	public RequestBodyLimitFilter(long maxBytes, RefusalEvidence evidence) {
		this.maxBytes = maxBytes;
		this.evidence = evidence;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		long declared = request.getContentLengthLong();
		if (declared > maxBytes) {
			tooLarge(request, response);
			return;
		}
		if (declared >= 0 || !hasBody(request)) {
			chain.doFilter(request, response);
			return;
		}
		byte[] body = readAtMost(request.getInputStream(), maxBytes + 1);
		if (body.length > maxBytes) {
			tooLarge(request, response);
			return;
		}
		chain.doFilter(new BufferedBodyRequest(request, body), response);
	}

	private static boolean hasBody(HttpServletRequest request) {
		String method = request.getMethod();
		return "POST".equals(method) || "PUT".equals(method) || "PATCH".equals(method);
	}

	private static byte[] readAtMost(InputStream in, long limit) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		byte[] buffer = new byte[8192];
		int read;
		while (out.size() < limit && (read = in.read(buffer, 0, (int) Math.min(buffer.length, limit - out.size()))) != -1) {
			out.write(buffer, 0, read);
		}
		return out.toByteArray();
	}

	private void tooLarge(HttpServletRequest request, HttpServletResponse response) throws IOException {
		if (!evidence.record(request, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, RULE)) {
			OperationOutcomeResponse.auditUnavailable(response);
			return;
		}
		OperationOutcomeResponse.write(response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, "too-costly",
				"Request body exceeds the limit of " + maxBytes + " bytes");
	}

	private static final class BufferedBodyRequest extends HttpServletRequestWrapper {
		private final byte[] body;

		BufferedBodyRequest(HttpServletRequest request, byte[] body) {
			super(request);
			this.body = body;
		}

		@Override
		public ServletInputStream getInputStream() {
			ByteArrayInputStream in = new ByteArrayInputStream(body);
			return new ServletInputStream() {
				@Override
				public int read() {
					return in.read();
				}

				@Override
				public int read(byte[] b, int off, int len) {
					return in.read(b, off, len);
				}

				@Override
				public boolean isFinished() {
					return in.available() == 0;
				}

				@Override
				public boolean isReady() {
					return true;
				}

				@Override
				public void setReadListener(ReadListener listener) {
					throw new UnsupportedOperationException("Synchronous reads only");
				}
			};
		}

		@Override
		public int getContentLength() {
			return body.length;
		}

		@Override
		public long getContentLengthLong() {
			return body.length;
		}
	}
}
