package io.smartvitals.server.bulk;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;

/**
 * The complete-status body of the Bulk Data specification: {@code transactionTime},
 * {@code request}, {@code requiresAccessToken} (always true: files are served only to the
 * owner's token), {@code output} with type, absolute url and count, and {@code error}, present
 * even when empty.
 */
final class ExportManifest {

	private static final ObjectMapper JSON = new ObjectMapper();

	private ExportManifest() {}

	static String render(Instant transactionTime, String request, Map<String, List<String>> filesByType,
			String fileUrlPrefix, ToIntFunction<String> countOf) {
		ObjectNode manifest = JSON.createObjectNode();
		manifest.put("transactionTime", transactionTime.toString());
		manifest.put("request", request);
		manifest.put("requiresAccessToken", true);
		ArrayNode output = manifest.putArray("output");
		filesByType.forEach((type, ids) -> ids.forEach(id -> {
			ObjectNode file = output.addObject();
			file.put("type", type);
			file.put("url", fileUrlPrefix + id);
			file.put("count", countOf.applyAsInt(id));
		}));
		manifest.putArray("error");
		return manifest.toString();
	}
}
