package io.smartvitals.smart.auth.directory;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An {@link AppCatalog} held in memory, for tests and until the client registry implements the
 * interface. Not shared between nodes.
 */
public class InMemoryAppCatalog implements AppCatalog {

	private final Map<String, Map<String, AppSummary>> apps = new ConcurrentHashMap<>();

	public void register(String tenant, AppSummary app) {
		apps.computeIfAbsent(tenant, t -> new ConcurrentHashMap<>()).put(app.clientId(), app);
	}

	@Override
	public Optional<AppSummary> app(String tenant, String clientId) {
		return Optional.ofNullable(apps.getOrDefault(tenant, Map.of()).get(clientId));
	}

	@Override
	public List<AppSummary> ehrLaunchApps(String tenant) {
		return apps.getOrDefault(tenant, Map.of()).values().stream()
				.filter(a -> a.launchUri() != null)
				.sorted((a, b) -> a.name().compareTo(b.name()))
				.toList();
	}
}
