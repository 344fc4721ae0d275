package io.smartvitals.conformance.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One HTTP/1.1 exchange over a plain socket, for what Java's client will not do: send a
 * {@code Host} of the test's choosing, or connect from another loopback address (127.0.0.2), so
 * the server sees a second client address.
 */
public final class RawHttp {

	private static final Pattern SESSION = Pattern.compile("(?im)^Set-Cookie: (JSESSIONID=[^;\\r\\n]+)");

	private RawHttp() {}

	/** The raw answer (status line, headers, body) to {@code method path} with the given header lines and body. */
	public static String exchange(String fromAddress, int port, String method, String path, String body, String... headers) {
		try (Socket socket = new Socket(InetAddress.getByName("127.0.0.1"), port, InetAddress.getByName(fromAddress), 0)) {
			socket.setSoTimeout(30_000);
			StringBuilder request = new StringBuilder(method + " " + path + " HTTP/1.1\r\n");
			for (String header : headers) {
				request.append(header).append("\r\n");
			}
			byte[] payload = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
			if (body != null) {
				request.append("Content-Length: ").append(payload.length).append("\r\n");
			}
			request.append("Connection: close\r\n\r\n");
			OutputStream out = socket.getOutputStream();
			out.write(request.toString().getBytes(StandardCharsets.US_ASCII));
			out.write(payload);
			out.flush();
			InputStream in = socket.getInputStream();
			ByteArrayOutputStream answer = new ByteArrayOutputStream();
			in.transferTo(answer);
			return answer.toString(StandardCharsets.UTF_8);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** The session cookie an answer sets, as a {@code Cookie} header value. */
	public static Optional<String> sessionCookie(String answer) {
		Matcher m = SESSION.matcher(answer);
		return m.find() ? Optional.of(m.group(1)) : Optional.empty();
	}

	/** The status code of a raw answer. */
	public static int status(String answer) {
		return Integer.parseInt(answer.substring(9, 12));
	}

	/** The body of a raw answer, with chunked transfer coding removed. */
	public static String body(String answer) {
		int split = answer.indexOf("\r\n\r\n");
		String head = answer.substring(0, split);
		String rest = answer.substring(split + 4);
		if (!Pattern.compile("(?im)^Transfer-Encoding: chunked").matcher(head).find()) {
			return rest;
		}
		// Chunk sizes count bytes; the answer is UTF-8.
		byte[] raw = rest.getBytes(StandardCharsets.UTF_8);
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		int at = 0;
		while (true) {
			int lineEnd = indexOf(raw, at);
			int size = Integer.parseInt(new String(raw, at, lineEnd - at, StandardCharsets.US_ASCII).split(";")[0].strip(), 16);
			if (size == 0) {
				return body.toString(StandardCharsets.UTF_8);
			}
			body.write(raw, lineEnd + 2, size);
			at = lineEnd + 2 + size + 2;
		}
	}

	private static int indexOf(byte[] raw, int from) {
		for (int i = from; i < raw.length - 1; i++) {
			if (raw[i] == '\r' && raw[i + 1] == '\n') {
				return i;
			}
		}
		throw new IllegalArgumentException("truncated chunked body");
	}

	/** The {@code Location} header of an answer, or empty. */
	public static String location(String answer) {
		Matcher m = Pattern.compile("(?im)^Location: ([^\\r\\n]+)").matcher(answer);
		return m.find() ? m.group(1) : "";
	}
}
