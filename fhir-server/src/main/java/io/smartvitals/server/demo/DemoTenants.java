package io.smartvitals.server.demo;

import io.smartvitals.server.admin.OperatorToken;
import io.smartvitals.tenants.registry.TenantId;
import io.smartvitals.tenants.registry.TenantRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;

/**
 * Demo mode (Spring profile {@code demo}): creates {@code general-hospital} and
 * {@code sunrise-clinic} with their populations on first start, then prints what to try.
 * Existing tenants are left alone, so data survives a restart and is not duplicated.
 */
public class DemoTenants implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(DemoTenants.class);

	record DemoTenant(String id, String displayName) {}

	static final DemoTenant[] TENANTS = {
		new DemoTenant("general-hospital", "General Hospital"), new DemoTenant("sunrise-clinic", "Sunrise Clinic Group")
	};

	private final TenantRegistry registry;
	private final TenantPopulationLoader loader;
	private final OperatorToken operatorToken;
	private final ApplicationContext context;
	private final int patients;
	private final int days;
	private final DemoUsers users;
	private final DemoBackendClients backendClients;

	public DemoTenants(
			TenantRegistry registry,
			TenantPopulationLoader loader,
			OperatorToken operatorToken,
			ApplicationContext context,
			int patients,
			int days,
			DemoUsers users,
			DemoBackendClients backendClients) {
		this.backendClients = backendClients;
		this.registry = registry;
		this.loader = loader;
		this.operatorToken = operatorToken;
		this.context = context;
		this.patients = patients;
		this.days = days;
		this.users = users;
	}

	@Override
	public void run(ApplicationArguments args) {
		for (DemoTenant demo : TENANTS) {
			TenantId id = new TenantId(demo.id());
			if (registry.find(id).isPresent()) {
				log.info("Demo tenant {} already exists; leaving its data as it is", id);
				backendClients.ensure(demo.id());
				continue;
			}
			long start = System.nanoTime();
			registry.create(id, demo.displayName(), "demo");
			TenantPopulationLoader.Population population =
					loader.load(id, demo.displayName(), patients, days, SyntheticTenantData.DEFAULT_END_DAY);
			users.create(id, population);
			backendClients.ensure(demo.id());
			int written = population.allResources().size();
			log.info("Demo tenant {} created with {} resources in {} s", id, written, (System.nanoTime() - start) / 1_000_000_000);
		}
		printWelcome();
	}

	private void printWelcome() {
		String base = "http://localhost:" + port();
		StringBuilder text = new StringBuilder("\n\n=== SMART on FHIR vitals server (demo mode) ===\n");
		for (DemoTenant demo : TENANTS) {
			text.append(String.format("  %-18s FHIR base: %s/fhir/%s%n", demo.id(), base, demo.id()));
			text.append(String.format("  %-18s login:     %s/auth/%s/login   launcher: %s/auth/%s/launcher%n", "", base, demo.id(),
					base, demo.id()));
			for (String user : users.describe(new TenantId(demo.id()))) {
				text.append(String.format("  %-18s user:      %s%n", "", user));
			}
		}
		String jar = "fhir-server/target/fhir-server-0.1.0-SNAPSHOT-exec.jar";
		text.append("  Every FHIR call needs a bearer token. Get a backend (system/) token of general-hospital:\n");
		text.append("    TOKEN=$(java -jar ").append(jar).append(" backend-token --token-url ").append(base)
				.append("/auth/general-hospital/token --key ").append(backendClients.keyFile("general-hospital"))
				.append(" --scope 'system/*.rs' | sed -E 's/.*\"access_token\":\"([^\"]+)\".*/\\1/')\n");
		text.append("    curl -H \"Authorization: Bearer $TOKEN\" '").append(base)
				.append("/fhir/general-hospital/Observation?category=vital-signs&_count=5'\n");
		text.append("  Or sign in as a user above at the launcher and open an app (SMART App Launch).\n");
		text.append("  Admin API: ").append(base).append("/admin/tenants  (Authorization: Bearer <operator token>)\n");
		text.append("  Operator token: ").append(operatorToken.value()).append('\n');
		text.append("===============================================\n");
		System.out.println(text);
	}

	private int port() {
		return context instanceof WebServerApplicationContext web ? web.getWebServer().getPort() : 8080;
	}
}
