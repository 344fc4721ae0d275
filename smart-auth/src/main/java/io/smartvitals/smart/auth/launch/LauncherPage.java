package io.smartvitals.smart.auth.launch;

import io.smartvitals.smart.auth.directory.AppCatalog;
import io.smartvitals.smart.auth.directory.AppSummary;
import io.smartvitals.smart.auth.directory.PatientDirectory;
import io.smartvitals.smart.auth.directory.PatientSummary;
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
		HtmlPage page = HtmlPage.titled("Launcher")
				.heading("Launch an app at " + tenants.displayName(tenant))
				.raw("<p class=\"who\">Signed in as <strong>").text(user.get().getName()).raw("</strong> (").text(user.get().fhirUser())
				.raw(")</p>\n")
				.error(sessions.takeFlash(request).map(LoginSessions.Flash::message).orElse(null))
				.raw("<form method=\"get\" action=\"/auth/").text(tenant).raw("/launcher\" id=\"patient-search\">\n")
				.raw("<label>Find a patient by name <input name=\"patient_name\" maxlength=\"100\" value=\"").text(query)
				.raw("\"></label> <button type=\"submit\">Search</button>\n</form>\n")
				.raw("<form method=\"post\" action=\"/auth/").text(tenant).raw("/launcher\" id=\"launch-form\">\n")
				.csrf(request)
				.raw("<fieldset id=\"apps\"><legend>App</legend>\n");
		if (launchable.isEmpty()) {
			page.paragraph("No app of this organization is registered for EHR launch yet.");
		}
		for (AppSummary app : launchable) {
			page.raw("<label><input type=\"radio\" name=\"client_id\" required value=\"").text(app.clientId()).raw("\"> ")
					.text(app.name()).raw(" <code>").text(app.launchUri()).raw("</code></label>\n");
		}
		page.raw("</fieldset>\n<fieldset id=\"patient-picker\"><legend>Patient</legend>\n");
		List<PatientSummary> found = patients.find(tenant, user.get().fhirUser(), query, PICKER_SIZE);
		if (found.isEmpty()) {
			page.paragraph("No patient matches.");
		}
		for (PatientSummary patient : found) {
			page.raw("<label><input type=\"radio\" name=\"patient\" required value=\"").text(patient.id()).raw("\"> ")
					.text(patient.name()).raw(" <code>Patient/").text(patient.id()).raw("</code></label>\n");
		}
		page.raw("</fieldset>\n<button type=\"submit\" id=\"launch\">Launch</button>\n</form>\n")
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
			HtmlPage.titled("Not available").heading("The launcher is for practitioners")
					.paragraph("Patients open their apps from the app itself (standalone launch).")
					.send(response, HttpServletResponse.SC_FORBIDDEN);
			return Optional.empty();
		}
		return user;
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}
}
