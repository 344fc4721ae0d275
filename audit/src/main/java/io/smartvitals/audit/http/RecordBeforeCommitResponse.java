package io.smartvitals.audit.http;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;

/**
 * A response that runs an action once, just before its first byte can reach the client (first
 * write, flush or error), or at the end when nothing was written. The status and headers are final
 * by then; the body is not buffered, so a long export stays a stream. When the action fails, nothing
 * written through this response reaches the client.
 */
final class RecordBeforeCommitResponse extends HttpServletResponseWrapper {

	/** The action; may throw, which then fails the request before anything was sent. */
	interface BeforeCommit {
		void run(HttpServletResponse response) throws IOException;
	}

	private final BeforeCommit action;
	private boolean done;
	/** What the action threw: then no byte passes, every later write fails the same way. */
	private Exception failure;
	private ServletOutputStream stream;
	private PrintWriter writer;

	RecordBeforeCommitResponse(HttpServletResponse response, BeforeCommit action) {
		super(response);
		this.action = action;
	}

	void fire() throws IOException {
		if (failure instanceof IOException io) {
			throw io;
		}
		if (failure instanceof RuntimeException runtime) {
			throw runtime;
		}
		if (!done) {
			done = true;
			try {
				action.run((HttpServletResponse) getResponse());
			} catch (IOException | RuntimeException e) {
				failure = e;
				throw e;
			}
		}
	}

	@Override
	public ServletOutputStream getOutputStream() throws IOException {
		if (stream == null) {
			ServletOutputStream inner = super.getOutputStream();
			stream = new ServletOutputStream() {
				@Override
				public void write(int b) throws IOException {
					fire();
					inner.write(b);
				}

				@Override
				public void write(byte[] b, int off, int len) throws IOException {
					fire();
					inner.write(b, off, len);
				}

				@Override
				public void flush() throws IOException {
					fire();
					inner.flush();
				}

				@Override
				public void close() throws IOException {
					fire();
					inner.close();
				}

				@Override
				public boolean isReady() {
					return inner.isReady();
				}

				@Override
				public void setWriteListener(WriteListener listener) {
					inner.setWriteListener(listener);
				}
			};
		}
		return stream;
	}

	@Override
	public PrintWriter getWriter() throws IOException {
		if (writer == null) {
			writer = new PrintWriter(new OutputStreamWriter(getOutputStream(), Charset.forName(getCharacterEncoding())));
		}
		return writer;
	}

	@Override
	public void flushBuffer() throws IOException {
		fire();
		if (writer != null) {
			writer.flush();
		}
		super.flushBuffer();
	}

	@Override
	public void sendError(int sc, String msg) throws IOException {
		setStatus(sc);
		fire();
		super.sendError(sc, msg);
	}

	@Override
	public void sendError(int sc) throws IOException {
		setStatus(sc);
		fire();
		super.sendError(sc);
	}

	@Override
	public void sendRedirect(String location) throws IOException {
		fire();
		super.sendRedirect(location);
	}

	/** Called when the request is done: records if nothing was written, and pushes buffered text out. */
	void finish() throws IOException {
		fire();
		if (writer != null) {
			writer.flush();
		}
	}
}
