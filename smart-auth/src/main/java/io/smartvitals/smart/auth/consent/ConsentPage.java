package io.smartvitals.smart.auth.consent;

import io.smartvitals.smart.auth.authorize.SmartConsentConverter;
import io.smartvitals.smart.auth.directory.AppCatalog;
import io.smartvitals.smart.auth.directory.AppSummary;
import io.smartvitals.smart.auth.directory.PatientDirectory;
import io.smartvitals.smart.auth.directory.PatientSummary;
import io.smartvitals.smart.auth.login.LoginSessions;
import io.smartvitals.smart.auth.login.TenantUserAuthentication;
import io.smartvitals.smart.auth.pages.AuthorizationErrorPage;
import io.smartvitals.smart.auth.pages.HtmlPage;
import io.smartvitals.smart.auth.pages.TenantPages;
import io.smartvitals.smart.auth.users.UserKind;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiPredicate;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@code GET /auth/{tenant}/consent?client_id&scope&state}: where the authorization server sends a
 * logged-in user to approve an app. Every requested scope is a checkbox (checked); Observation
 * read access can be narrowed to vital signs; with {@code launch/patient} a practitioner picks the
 * patient (a patient user always gets their own record). The form posts to the tenant's
 * {@code /authorize} with {@code client_id}, {@code state}, one {@code scope} per granted scope,
 * {@code patient} and {@code _csrf}; Deny posts the same without any scope.
 */
@Controller
public class ConsentPage {

	static final int MAX_SCOPES = 100;
	static final int PICKER_SIZE = 20;
	private final LoginSessions sessions;
	private final AppCatalog apps;
	private final PatientDirectory patients;
	private final TenantPages tenants;
	private final BiPredicate<String, String> auditor;

	/** @param auditor whether (tenant, username) holds the tenant's auditor role, without which AuditEvent scopes are not granted */
	public ConsentPage(LoginSessions sessions, AppCatalog apps, PatientDirectory patients, TenantPages tenants,
			BiPredicate<String, String> auditor) {
		this.sessions = sessions;
		this.apps = apps;
		this.patients = patients;
		this.tenants = tenants;
		this.auditor = auditor;
	}

	@GetMapping("/auth/{tenant}/consent")
	public void page(@PathVariable String tenant,
			@RequestParam(name = "client_id", required = false) String clientId,
			@RequestParam(required = false) String scope,
			@RequestParam(required = false) String state,
			@RequestParam(name = "patient_name", required = false) String patientName,
			HttpServletRequest request, HttpServletResponse response) throws IOException {
		if (!tenants.servable(tenant, response)) {
			return;
		}
		Optional<TenantUserAuthentication> signedIn = sessions.current(request, tenant);
		if (signedIn.isEmpty()) {
			sessions.requireLogin(request, response, tenant);
			return;
		}
		if (!single(request, "client_id") || !single(request, "scope") || !single(request, "state")
				|| clientId == null || clientId.isBlank() || clientId.length() > 200
				|| state == null || state.isBlank() || state.length() > 2048
				|| scope == null || scope.isBlank() || scope.length() > 4000) {
			AuthorizationErrorPage.render(response, "invalid_request", "client_id, scope and state are each required once");
			return;
		}
		Optional<AppSummary> app = apps.app(tenant, clientId);
		if (app.isEmpty()) {
			AuthorizationErrorPage.render(response, "invalid_client", "This app is not registered with this organization");
			return;
		}
		Set<String> scopes = new LinkedHashSet<>(Arrays.asList(scope.strip().split(" +")));
		if (scopes.size() > MAX_SCOPES) {
			AuthorizationErrorPage.render(response, "invalid_scope", "Too many scopes");
			return;
		}
		TenantUserAuthentication user = signedIn.get();
		boolean picker = scopes.contains("launch/patient") && user.kind() == UserKind.PRACTITIONER;
		String query = patientName == null ? "" : patientName.strip();
		if (query.length() > 100) {
			query = query.substring(0, 100);
		}

		HtmlPage page = HtmlPage.titled("Approve " + app.get().name());
		page.raw("<h1><span id=\"app-name\">").text(app.get().name()).raw("</span> asks for access</h1>\n")
				.raw("<p class=\"who\">Signed in to ").text(tenants.displayName(tenant)).raw(" as <strong>")
				.text(user.getName()).raw("</strong> (").text(user.fhirUser()).raw(")</p>\n");
		page.raw("<form method=\"post\" action=\"/auth/").text(tenant).raw("/authorize\" id=\"consent-form\">\n")
				.csrf(request).hidden("client_id", clientId).hidden("state", state)
				.raw("<fieldset><legend>The app may</legend>\n");
		boolean choiceOffered = false;
		int index = 0;
		for (String requested : scopes) {
			index++;
			if (SmartConsentConverter.readsAuditTrail(requested) && !auditor.test(tenant, user.getName())) {
				// Dropped on submission anyway (SmartConsentConverter); say so rather than offer it.
				page.raw("<p class=\"not-granted\">Not granted: ").text(ScopeDescriptions.describe(requested)).raw(" <code>")
						.text(requested).raw("</code> needs the organization's auditor role.</p>\n");
				continue;
			}
			Optional<String> vitalsOnly = choiceOffered ? Optional.empty() : ScopeDescriptions.vitalSignsOnly(requested);
			if (vitalsOnly.isPresent()) {
				// Radios share the name "scope": the choice submits exactly one of the two scopes.
				choiceOffered = true;
				page.raw("<div class=\"scope-choice\"><p>").text(ScopeDescriptions.describe(requested)).raw(":</p>\n")
						.raw("<label><input type=\"radio\" name=\"scope\" id=\"scope-").text(index).raw("-all\" value=\"").text(requested)
						.raw("\" checked> All observations <code>").text(requested).raw("</code></label>\n")
						.raw("<label><input type=\"radio\" name=\"scope\" id=\"scope-").text(index).raw("-vitals\" value=\"")
						.text(vitalsOnly.get()).raw("\"> Vital signs only <code>").text(vitalsOnly.get()).raw("</code></label></div>\n");
			} else {
				page.raw("<label><input type=\"checkbox\" name=\"scope\" id=\"scope-").text(index).raw("\" value=\"").text(requested)
						.raw("\" checked> ").text(ScopeDescriptions.describe(requested)).raw(" <code>").text(requested)
						.raw("</code></label>\n");
			}
		}
		page.raw("</fieldset>\n");
		if (picker) {
			List<PatientSummary> found = patients.find(tenant, user.fhirUser(), query, PICKER_SIZE);
			// The search sits in the picker, after the scopes, but belongs to its own GET form (the
			// form attribute): searching never submits the approval, and Enter in it only searches.
			page.raw("<fieldset id=\"patient-picker\"><legend>Patient</legend>\n")
					.raw("<label>Find a patient by name <input name=\"patient_name\" form=\"patient-search\" maxlength=\"100\" value=\"")
					.text(query).raw("\"></label> <button type=\"submit\" form=\"patient-search\" id=\"search\">Search</button>\n");
			if (found.isEmpty()) {
				page.paragraph("No patient matches. Search again.");
			}
			for (PatientSummary patient : found) {
				page.raw("<label><input type=\"radio\" name=\"patient\" required value=\"").text(patient.id()).raw("\"> ")
						.text(patient.name()).raw(patient.birthDate() == null ? "" : " &middot; born ").text(patient.birthDate())
						.raw(" <code>Patient/").text(patient.id()).raw("</code></label>\n");
			}
			page.raw("</fieldset>\n");
		} else if (user.kind() == UserKind.PATIENT) {
			page.raw("<p id=\"own-record\">The app will see your own record only (<code>").text(user.fhirUser()).raw("</code>).</p>\n");
		}
		// One form, two named buttons: the submitted decision says which was pressed (SmartConsentConverter).
		page.raw("<button type=\"submit\" id=\"approve\" name=\"decision\" value=\"approve\">Approve</button>\n")
				.raw("<button type=\"submit\" id=\"deny\" name=\"decision\" value=\"deny\" formnovalidate>Deny</button>\n</form>\n");
		if (picker) {
			page.raw("<form method=\"get\" action=\"/auth/").text(tenant).raw("/consent\" id=\"patient-search\">\n")
					.hidden("client_id", clientId).hidden("scope", scope).hidden("state", state).raw("</form>\n");
		}
		page.send(response, HttpServletResponse.SC_OK);
	}

	private static boolean single(HttpServletRequest request, String name) {
		String[] values = request.getParameterValues(name);
		return values == null || values.length == 1;
	}
}
