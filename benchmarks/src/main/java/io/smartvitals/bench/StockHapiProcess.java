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
		return start(port, jdbcUrl, user, List.of("--stock.reuse-cached-search-results-ms=" + reuseCachedSearchResultsMs), List.of(), log);
	}

	/** With the baseline's own {@code --stock.*} arguments and extra JVM options (e.g. a GC log). */
	static StockHapiProcess start(int port, String jdbcUrl, String user, List<String> stockArgs, List<String> jvmArgs, Path log)
			throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of(
				System.getProperty("java.home") + File.separator + "bin" + File.separator + "java", "-Xmx4g"));
		command.addAll(ServerProcess.jvmOptions(log));
		command.addAll(jvmArgs);
		command.addAll(List.of(
				// The benchmark's own classpath holds HAPI JPA 8.8.0 and the baseline app.
				"-cp", System.getProperty("java.class.path"),
				StockHapiServer.class.getName(),
				"--server.port=" + port,
				"--spring.datasource.url=" + jdbcUrl,
				"--spring.datasource.username=" + user,
				"--logging.level.root=WARN"));
		command.addAll(stockArgs);
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
