package io.smartvitals.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GcLogTest {

	@Test
	void takesTheLargestHeapAfterACollectionInTheWindowOnly(@TempDir Path dir) throws Exception {
		Path file = dir.resolve("gc.log");
		Files.writeString(file, "[1.0s][info][gc] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 900M->800M(1024M) 3.1ms\n");
		GcLog log = new GcLog(file);
		long mark = log.mark();
		Files.writeString(file, "[2.0s][info][gc] GC(1) Pause Young (Normal) (G1 Evacuation Pause) 300M->41M(1024M) 2.0ms\n"
				+ "[2.5s][info][gc] GC(2) Pause Remark 120M->97M(1024M) 1.0ms\n"
				+ "[3.0s][info][gc] Using G1\n", java.nio.file.StandardOpenOption.APPEND);
		assertThat(log.since(mark).maxHeapAfterGcMiB()).isEqualTo(97);
		assertThat(log.since(mark).collections()).isEqualTo(2);
		assertThat(log.since(0).maxHeapAfterGcMiB()).isEqualTo(800);
		assertThat(log.jvmOption()).isEqualTo("-Xlog:gc:file=" + file);
	}

	@Test
	void noCollectionIsMinusOne() {
		assertThat(GcLog.window("[0.1s][info][gc] Using G1\n").maxHeapAfterGcMiB()).isEqualTo(-1);
	}
}
