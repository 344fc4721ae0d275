package io.smartvitals.smart.auth.client;

import io.smartvitals.smart.auth.directory.AppCatalog;
import io.smartvitals.smart.auth.directory.AppSummary;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The approval page and launcher's view of the client registry: usable clients only, EHR-launchable ones with their launch URI. */
public class RegisteredAppCatalog implements AppCatalog {

	private final ClientRegistry registry;
	private final Clock clock;
	private final AppCatalog extra;

	/** @param extra apps known outside the registry (tests and demos register them in memory) */
	public RegisteredAppCatalog(ClientRegistry registry, Clock clock, AppCatalog extra) {
		this.registry = registry;
		this.clock = clock;
		this.extra = extra;
	}

	@Override
	public Optional<AppSummary> app(String tenant, String clientId) {
		Optional<AppSummary> registered = registry.find(tenant, clientId)
				.filter(c -> c.usableAt(clock.instant()))
				.map(c -> new AppSummary(c.clientId(), c.name(), c.launchUri()));
		return registered.isPresent() ? registered : extra.app(tenant, clientId);
	}

	@Override
	public List<AppSummary> ehrLaunchApps(String tenant) {
		List<AppSummary> apps = new ArrayList<>(registry.list(tenant).stream()
				.filter(c -> c.usableAt(clock.instant()) && c.launchTypes().contains(LaunchType.EHR) && c.launchUri() != null)
				.map(c -> new AppSummary(c.clientId(), c.name(), c.launchUri()))
				.toList());
		apps.addAll(extra.ehrLaunchApps(tenant));
		return apps;
	}
}
