package io.smartvitals.smart.auth.launch;

import io.smartvitals.smart.auth.directory.AppCatalog;
import io.smartvitals.smart.auth.directory.AppSummary;
import io.smartvitals.smart.auth.directory.PatientDirectory;
import io.smartvitals.smart.auth.login.LoginSessions;
import io.smartvitals.smart.auth.login.TenantUserAuthentication;
import io.smartvitals.smart.auth.pages.HtmlPage;
import io.smartvitals.smart.auth.pages.TenantPages;
import io.smartvitals.smart.auth.users.UserKind;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * {@code /auth/{tenant}/launcher}: a small EHR for demos. A logged-in practitioner picks one of the
 * tenant's EHR-launch apps and a patient; the post creates a launch context and sends the browser
 * to {@code {launchUri}?iss={fhirBase}&launch={value}} (303).
 */
@Controller
public class LauncherPage {

	static final int PICKER_SIZE = 20;
	private final LoginSessions sessions;
	private final AppCatalog apps;
	private final PatientDirectory patients;
	private final LaunchContexts launches;
	private final TenantPages tenants;

	public LauncherPage(LoginSessions sessions, AppCatalog apps, PatientDirectory patients, LaunchContexts launches,
			TenantPages tenants) {
		this.sessions = sessions;
		this.apps = apps;
		this.patients = patients;
		this.launches = launches;
		this.tenants = tenants;
	}

	@GetMapping("/auth/{tenant}/launcher")
	public void page(@PathVariable String tenant, @RequestParam(name = "patient_name", required = false) String patientName,
			HttpServletRequest request, HttpServletResponse response) throws IOException {
		Optional<TenantUserAuthentication> user = practitioner(tenant, request, response);
		if (user.isEmpty()) {
			return;
		}
		String query = patientName == null ? "" : patientName.strip();
		if (query.length() > 100) {
			query = query.substring(0, 100);
		}
		List<AppSummary> launchable = apps.ehrLaunchApps(tenant);
		tenants.page(tenant, "launcher", "Launcher")
				.with("userName", user.get().getName())
				.with("error", sessions.takeFlash(request).map(LoginSessions.Flash::message).orElse(null))
				.with("query", query)
				.with("apps", launchable)
				.with("patients", patients.find(tenant, user.get().fhirUser(), query, PICKER_SIZE))
				.csrf(request)
				.send(response, HttpServletResponse.SC_OK);
	}

	@PostMapping("/auth/{tenant}/launcher")
	public void launch(@PathVariable String tenant, @RequestParam(name = "client_id", required = false) String clientId,
			@RequestParam(required = false) String patient, HttpServletRequest request, HttpServletResponse response)
			throws IOException {
		Optional<TenantUserAuthentication> user = practitioner(tenant, request, response);
		if (user.isEmpty()) {
			return;
		}
		Optional<AppSummary> app = clientId == null ? Optional.empty()
				: apps.ehrLaunchApps(tenant).stream().filter(a -> a.clientId().equals(clientId)).findFirst();
		LaunchRequest launch;
		try {
			launch = new LaunchRequest(patient, null, null);
		} catch (IllegalArgumentException invalid) {
			launch = null;
		}
		if (app.isEmpty() || launch == null || patients.get(tenant, user.get().fhirUser(), launch.patient()).isEmpty()) {
			sessions.flash(request, "Choose an app and a patient of this organization.", null);
			HtmlPage.seeOther(response, "/auth/" + tenant + "/launcher");
			return;
		}
		LaunchContexts.Created created = launches.create(tenant, launch);
		String fhirBase = ServletUriComponentsBuilder.fromContextPath(request).path("/fhir/").path(tenant).build().toUriString();
		String launchUri = app.get().launchUri();
		HtmlPage.seeOther(response, launchUri + (launchUri.contains("?") ? "&" : "?") + "iss=" + encode(fhirBase)
				+ "&launch=" + encode(created.value()));
	}

	private Optional<TenantUserAuthentication> practitioner(String tenant, HttpServletRequest request, HttpServletResponse response)
			throws IOException {
		if (!tenants.servable(tenant, response)) {
			return Optional.empty();
		}
		Optional<TenantUserAuthentication> user = sessions.current(request, tenant);
		if (user.isEmpty()) {
			sessions.requireLogin(request, response, tenant);
			return Optional.empty();
		}
		if (user.get().kind() != UserKind.PRACTITIONER) {
			HtmlPage.message("Not available", "The launcher is for practitioners",
							"Patients open their apps from the app itself (standalone launch).")
					.tenant(tenant, tenants.displayName(tenant)).send(response, HttpServletResponse.SC_FORBIDDEN);
			return Optional.empty();
		}
		return user;
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}
}
