package io.smartvitals.server.http;

import io.smartvitals.audit.http.ConnectorRefusals;
import io.smartvitals.audit.http.RequestId;
import jakarta.servlet.ServletException;
import java.io.IOException;
import org.apache.catalina.AccessLog;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;

/**
 * Tomcat's access log of the engine, the one place that sees requests the connector refuses
 * before the servlet filters (Tomcat calls it for those too); passes what it sees to
 * {@link ConnectorRefusals}. As a valve it only passes requests on.
 */
public class ConnectorRefusalLog extends ValveBase implements AccessLog {

	private final ConnectorRefusals refusals;

	public ConnectorRefusalLog(ConnectorRefusals refusals) {
		super(true);
		this.refusals = refusals;
	}

	@Override
	public void invoke(Request request, Response response) throws IOException, ServletException {
		getNext().invoke(request, response);
	}

	@Override
	public void log(Request request, Response response, long time) {
		// Called for every request: read the rest of it only for the rare refusal.
		String assigned = RequestId.of(request);
		if (!ConnectorRefusals.unrecorded(response.getStatus(), assigned)) {
			return;
		}
		// The raw (undecoded) URI: the refused form is the evidence.
		refusals.answered(request.getMethod(), request.getCoyoteRequest().requestURI().toString(), response.getStatus(),
				request.getRemoteAddr(), assigned, request.getHeader(RequestId.HEADER));
	}

	@Override
	public void setRequestAttributesEnabled(boolean requestAttributesEnabled) {
		// Addresses are taken as the connector saw them; no proxy attributes are involved here.
	}

	@Override
	public boolean getRequestAttributesEnabled() {
		return false;
	}
}
