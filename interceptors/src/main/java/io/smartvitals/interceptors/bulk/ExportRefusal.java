package io.smartvitals.interceptors.bulk;

/** A kick-off, status or file request that is refused, with the HTTP status a client can act on. */
public class ExportRefusal extends RuntimeException {

	private final int status;

	public ExportRefusal(int status, String message) {
		super(message);
		this.status = status;
	}

	public int status() {
		return status;
	}
}
