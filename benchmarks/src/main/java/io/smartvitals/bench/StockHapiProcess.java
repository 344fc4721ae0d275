package io.smartvitals.bench;

import io.smartvitals.bench.stock.StockHapiServer;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The stock HAPI baseline ({@link StockHapiServer}) as a separate JVM, started like the vitals server. */
final class StockHapiProcess implements AutoCloseable {

	private final Process process;
	private final String base;

	private StockHapiProcess(Process process, String base) {
		this.process = process;
		this.base = base;
	}

	static StockHapiProcess start(int port, String jdbcUrl, String user, long reuseCachedSearchResultsMs, Path log)
			throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of(
				System.getProperty("java.home") + File.separator + "bin" + File.separator + "java", "-Xmx4g"));
		command.addAll(ServerProcess.jvmOptions(log));
		command.addAll(List.of(
				// The benchmark's own classpath holds HAPI JPA 8.8.0 and the baseline app.
				"-cp", System.getProperty("java.class.path"),
				StockHapiServer.class.getName(),
				"--server.port=" + port,
				"--spring.datasource.url=" + jdbcUrl,
				"--spring.datasource.username=" + user,
				"--stock.reuse-cached-search-results-ms=" + reuseCachedSearchResultsMs,
				"--logging.level.root=WARN"));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		StockHapiProcess server = new StockHapiProcess(process, "http://localhost:" + port + "/fhir");
		ServerProcess.awaitReady(process, server.base + "/metadata");
		return server;
	}

	String base() {
		return base;
	}

	long pid() {
		return process.pid();
	}

	@Override
	public void close() throws InterruptedException {
		ServerProcess.stop(process);
	}
}
