package io.smartvitals.smart.auth.consent;

import io.smartvitals.smart.auth.authorize.SmartConsentConverter;
import io.smartvitals.smart.auth.directory.AppCatalog;
import io.smartvitals.smart.auth.directory.AppSummary;
import io.smartvitals.smart.auth.directory.PatientDirectory;
import io.smartvitals.smart.auth.login.LoginSessions;
import io.smartvitals.smart.auth.login.TenantUserAuthentication;
import io.smartvitals.smart.auth.pages.AuthorizationErrorPage;
import io.smartvitals.smart.auth.pages.TenantPages;
import io.smartvitals.smart.auth.users.UserKind;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
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

		tenants.page(tenant, "consent", "Approve " + app.get().name())
				.with("appName", app.get().name())
				.with("userName", user.getName())
				.with("clientId", clientId)
				.with("state", state)
				.with("scope", scope)
				.with("scopes", choices(scopes, auditor.test(tenant, user.getName())))
				.with("picker", picker)
				.with("query", query)
				.with("patients", picker ? patients.find(tenant, user.fhirUser(), query, PICKER_SIZE) : List.of())
				.with("ownRecord", user.kind() == UserKind.PATIENT)
				.csrf(request)
				.send(response, HttpServletResponse.SC_OK);
	}

	/** AuditEvent scopes are withheld from non-auditors; the first Observation read scope may be narrowed to vital signs. */
	private static List<ScopeChoice> choices(Set<String> scopes, boolean auditor) {
		List<ScopeChoice> choices = new ArrayList<>();
		boolean choiceOffered = false;
		int index = 0;
		for (String requested : scopes) {
			index++;
			String description = ScopeDescriptions.describe(requested);
			if (SmartConsentConverter.readsAuditTrail(requested) && !auditor) {
				choices.add(new ScopeChoice(index, requested, description, null, true));
				continue;
			}
			Optional<String> vitalsOnly = choiceOffered ? Optional.empty() : ScopeDescriptions.vitalSignsOnly(requested);
			choiceOffered |= vitalsOnly.isPresent();
			choices.add(new ScopeChoice(index, requested, description, vitalsOnly.orElse(null), false));
		}
		return choices;
	}

	private static boolean single(HttpServletRequest request, String name) {
		String[] values = request.getParameterValues(name);
		return values == null || values.length == 1;
	}
}
