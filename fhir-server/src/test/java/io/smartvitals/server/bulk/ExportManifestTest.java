package io.smartvitals.server.bulk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExportManifestTest {

	@Test
	void manifestHasEveryRequiredFieldAndAnEmptyErrorArray() throws Exception {
		Map<String, List<String>> files = new LinkedHashMap<>();
		files.put("Patient", List.of("p1"));
		files.put("Observation", List.of("o1", "o2"));
		String json = ExportManifest.render(Instant.parse("2026-11-23T10:00:00Z"), "http://h/fhir/t/$export",
				files, "http://h/fhir/t/$export-file?_jobId=j&_file=", id -> id.length() * 10);
		JsonNode manifest = new ObjectMapper().readTree(json);
		assertThat(manifest.get("transactionTime").asText()).isEqualTo("2026-11-23T10:00:00Z");
		assertThat(manifest.get("request").asText()).isEqualTo("http://h/fhir/t/$export");
		assertThat(manifest.get("requiresAccessToken").asBoolean()).isTrue();
		assertThat(manifest.get("output")).hasSize(3);
		assertThat(manifest.get("output").get(1).get("type").asText()).isEqualTo("Observation");
		assertThat(manifest.get("output").get(1).get("url").asText()).isEqualTo("http://h/fhir/t/$export-file?_jobId=j&_file=o1");
		assertThat(manifest.get("output").get(1).get("count").asInt()).isEqualTo(20);
		assertThat(manifest.get("error").isArray()).isTrue();
		assertThat(manifest.get("error")).isEmpty();
	}
}
