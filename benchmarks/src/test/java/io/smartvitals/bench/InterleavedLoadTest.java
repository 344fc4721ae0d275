package io.smartvitals.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.smartvitals.bench.AuditBenchmark.Measurement;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class InterleavedLoadTest {

	private final List<HttpServer> servers = new java.util.ArrayList<>();

	/** A server that answers every request after {@code delayMillis}, counting them. */
	private String server(AtomicInteger served, int delayMillis) throws Exception {
		HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
		server.createContext("/", exchange -> {
			served.incrementAndGet();
			try {
				Thread.sleep(delayMillis);
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
			byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(200, body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
		server.start();
		servers.add(server);
		return "http://127.0.0.1:" + server.getAddress().getPort() + "/x";
	}

	@AfterEach
	void stop() {
		servers.forEach(server -> server.stop(0));
	}

	@Test
	void eachServerGetsTurnsAndTheFiguresOfItsOwnRequests() throws Exception {
		AtomicInteger fastServed = new AtomicInteger();
		AtomicInteger slowServed = new AtomicInteger();
		String fast = server(fastServed, 2);
		String slow = server(slowServed, 10);
		long pid = ProcessHandle.current().pid();

		List<Measurement> m = InterleavedLoad.run(List.of(InterleavedLoad.Target.get(pid, random -> fast, "t"),
				InterleavedLoad.Target.get(pid, random -> slow, "t")), 2, 2, 200);

		assertThat(m.get(0).latencies().count()).isEqualTo(fastServed.get()).isPositive();
		assertThat(m.get(1).latencies().count()).isEqualTo(slowServed.get()).isPositive();
		// Each request counts for the server it went to: every one to the slow server took at least its 10 ms.
		assertThat(m.get(1).latencies().quantileMillis(0)).isGreaterThanOrEqualTo(10);
		assertThat(m.get(0).perSecond()).isPositive();
	}
}
