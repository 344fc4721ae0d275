package io.smartvitals.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.smartvitals.bench.AuditBenchmark.Figures;
import io.smartvitals.bench.AuditBenchmark.Measurement;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuditBenchmarkTest {

	private static Figures figures(String mode, int round, int threads, double readsPerSecond) {
		Measurement reads = new Measurement(readsPerSecond, new Latencies(), new CpuTimes(0, 0, 0, 0, 0));
		return new Figures(mode, round, threads, reads, reads);
	}

	@Test
	void eachRoundsRatioIsTakenAgainstTheBaselineOfTheSameRoundAndClientCount() {
		List<Figures> results = List.of(
				figures("audit-off", 1, 2, 1000), figures("audit-durable", 1, 2, 900), figures("audit-off", 1, 8, 100),
				figures("audit-durable", 1, 8, 99),
				// The machine slows down by half in round 2: both modes see it.
				figures("audit-off", 2, 2, 500), figures("audit-durable", 2, 2, 400), figures("audit-off", 2, 8, 50),
				figures("audit-durable", 2, 8, 50));

		assertThat(AuditBenchmark.pairedRatios(results, "audit-durable", 2, f -> f.reads().perSecond()))
				.containsExactly(0.8, 0.9);
		assertThat(AuditBenchmark.pairedRatios(results, "audit-durable", 8, f -> f.reads().perSecond()))
				.containsExactly(0.99, 1.0);
	}
}
