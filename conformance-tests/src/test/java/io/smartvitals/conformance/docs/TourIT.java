package io.smartvitals.conformance.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.smartvitals.conformance.support.ServerNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * README's five-minute tour runs as written: the demo server (README's first command, on a free
 * port and with a smaller demo population so CI stays short) in a fresh directory, then the tour's
 * shell block exactly as README has it, with only the port changed. Every command must succeed
 * and the answers the tour describes must appear.
 */
class TourIT {

	private static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();

	static String tourBlock(String readme) {
		int tour = readme.indexOf("## A five-minute tour");
		Matcher block = Pattern.compile("(?s)```bash\n(.*?)```").matcher(readme);
		if (tour < 0 || !block.find(tour)) {
			throw new AssertionError("README has no five-minute tour with a bash block");
		}
		return block.group(1);
	}

	@Test
	void theTourRunsAsWritten() throws Exception {
		Optional<Path> jar = ServerNode.jar();
		boolean tools = Stream.of("/bin/bash", "/usr/bin/curl", "/usr/bin/python3").allMatch(p -> Files.isExecutable(Path.of(p)));
		if (jar.isEmpty() || !tools) {
			System.err.println("\n##  TOUR SKIPPED: needs the exec jar (mvn verify), bash, curl and python3\n");
		}
		Assumptions.assumeTrue(jar.isPresent() && tools, "exec jar, bash, curl, python3");
		Path dir = Files.createTempDirectory("tour-");
		Path target = Files.createDirectories(dir.resolve("fhir-server/target"));
		Files.createSymbolicLink(target.resolve(jar.get().getFileName()), jar.get());
		int port = ServerNode.freePort();
		List<String> server = List.of(ServerNode.java(), "-Xmx1g", "-jar", jar.get().toString(), "--spring.profiles.active=demo",
				"--server.port=" + port, "--vitals.demo.patients=3", "--vitals.demo.days=2");
		try (ServerNode demo = ServerNode.launch(server, Map.of(), dir, port)) {
			Matcher operator = Pattern.compile("Operator token: (\\S+)").matcher(demo.output());
			assertThat(operator.find()).as("the demo prints its operator token").isTrue();
			String block = tourBlock(Files.readString(ROOT.resolve("README.md"))).replace("localhost:8080", "localhost:" + port);
			Path log = Files.createTempFile("tour-", ".log");
			ProcessBuilder shell = new ProcessBuilder("/bin/bash", "-e", "-c", block).directory(dir.toFile())
					.redirectErrorStream(true).redirectOutput(log.toFile());
			shell.environment().put("OPERATOR_TOKEN", operator.group(1));
			Process run = shell.start();
			assertThat(run.waitFor(3, TimeUnit.MINUTES)).as("the tour finishes").isTrue();
			String output = Files.readString(log);
			assertThat(run.exitValue()).as("every command of the tour succeeds:\n" + output).isZero();
			assertThat(output).contains("CapabilityStatement").contains("token_endpoint").contains("HTTP/1.1 401")
					.contains("\"id\":\"north-clinic\"").contains("OperationOutcome");
		}
	}
}
