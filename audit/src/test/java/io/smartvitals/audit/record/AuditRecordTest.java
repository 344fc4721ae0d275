package io.smartvitals.audit.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class AuditRecordTest {

	private static AuditRecord withResources(List<String> resources) {
		return new AuditRecord(Instant.parse("2026-12-03T10:15:30.123456Z"), "t-1", Actor.anonymous(), null, AuditAction.rest("search-type"),
				resources, resources, Outcome.SUCCESS, 200, null, null, null, null, null);
	}

	@Test
	void referencesAreKeptDistinctInOrderWithoutBlankOrWhitespaceOnes() {
		AuditRecord r = withResources(Arrays.asList("Observation/2", null, "Observation/1", " ", "Observation/ 3", "Observation/2",
				"Observation/4\t", "Patient/p1"));

		assertThat(r.resources()).containsExactly("Observation/2", "Observation/1", "Patient/p1");
		assertThat(r.patients()).isEqualTo(r.resources());
	}

	@Test
	void referencesAreClippedTo256AndAtMost1000AreKept() {
		String longOne = "Observation/" + "x".repeat(300);
		List<String> many = new ArrayList<>(List.of(longOne, longOne + "-same-after-clipping"));
		IntStream.range(0, 1500).mapToObj(i -> "Observation/" + i).forEach(many::add);

		AuditRecord r = withResources(many);

		assertThat(r.resources()).hasSize(1000);
		assertThat(r.resources().get(0)).hasSize(256).isEqualTo(longOne.substring(0, 256));
		assertThat(r.resources().get(1)).isEqualTo("Observation/0");
		assertThat(r.resources().get(999)).isEqualTo("Observation/998");
		assertThat(r.time()).isEqualTo(Instant.parse("2026-12-03T10:15:30.123Z"));
	}

	@Test
	void noReferencesIsAnEmptyList() {
		assertThat(withResources(null).resources()).isEmpty();
		assertThat(withResources(List.of()).patients()).isEmpty();
	}
}
