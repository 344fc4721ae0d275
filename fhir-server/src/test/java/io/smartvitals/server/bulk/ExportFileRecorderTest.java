package io.smartvitals.server.bulk;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ExportFileRecorderTest {

	@Test
	void countsNdjsonLinesWithOrWithoutAFinalNewline() {
		assertThat(ExportFileRecorder.lines(null)).isZero();
		assertThat(ExportFileRecorder.lines(new byte[0])).isZero();
		assertThat(ExportFileRecorder.lines("{}\n{}\n".getBytes(StandardCharsets.UTF_8))).isEqualTo(2);
		assertThat(ExportFileRecorder.lines("{}\n{}".getBytes(StandardCharsets.UTF_8))).isEqualTo(2);
	}
}
