package io.smartvitals.smart.auth.login;

import io.smartvitals.smart.auth.mfa.TotpEnrolment;
import io.smartvitals.smart.auth.mfa.TotpSecrets;
import io.smartvitals.smart.auth.pages.HtmlPage;
import io.smartvitals.smart.auth.pages.TenantPages;
import io.smartvitals.smart.auth.users.TenantUser;
import io.smartvitals.smart.auth.users.TenantUserRepository;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@code /auth/{tenant}/mfa} (type the code) and {@code /auth/{tenant}/mfa/enrol} (set up an
 * authenticator: secret as otpauth:// URI and base32 text, confirmed by a first code). Reached
 * with a pending login after the password, or, for enrolment, by a logged-in user of the tenant.
 */
@Controller
public class MfaPage {

	private final TenantLogin login;
	private final LoginSessions sessions;
	private final TenantUserRepository users;
	private final TotpSecrets totp;
	private final TenantPages tenants;

	public MfaPage(TenantLogin login, LoginSessions sessions, TenantUserRepository users, TotpSecrets totp, TenantPages tenants) {
		this.login = login;
		this.sessions = sessions;
		this.users = users;
		this.totp = totp;
		this.tenants = tenants;
	}

	@GetMapping("/auth/{tenant}/mfa")
	public void codeForm(@PathVariable String tenant, HttpServletRequest request, HttpServletResponse response) throws IOException {
		if (!tenants.servable(tenant, response)) {
			return;
		}
		if (sessions.pending(request, tenant).filter(p -> !p.enrolment()).isEmpty()) {
			HtmlPage.seeOther(response, "/auth/" + tenant + "/login");
			return;
		}
		tenants.page(tenant, "mfa-code", "Verification code")
				.with("error", sessions.takeFlash(request).map(LoginSessions.Flash::message).orElse(null))
				.csrf(request)
				.send(response, HttpServletResponse.SC_OK);
	}

	@PostMapping("/auth/{tenant}/mfa")
	public void code(@PathVariable String tenant, @RequestParam(required = false) String code, HttpServletRequest request,
			HttpServletResponse response) throws IOException {
		if (!tenants.servable(tenant, response)) {
			return;
		}
		Optional<PendingLogin> pending = sessions.pending(request, tenant).filter(p -> !p.enrolment());
		if (pending.isEmpty()) {
			HtmlPage.seeOther(response, "/auth/" + tenant + "/login");
			return;
		}
		finish(tenant, pending.get().username(), code, "/auth/" + tenant + "/mfa", request, response);
	}

	@GetMapping("/auth/{tenant}/mfa/enrol")
	public void enrolForm(@PathVariable String tenant, HttpServletRequest request, HttpServletResponse response) throws IOException {
		if (!tenants.servable(tenant, response)) {
			return;
		}
		Optional<TenantUser> user = enrolling(request, tenant);
		if (user.isEmpty()) {
			HtmlPage.seeOther(response, "/auth/" + tenant + "/login");
			return;
		}
		if (user.get().mfaEnrolled()) {
			HtmlPage.message("Authenticator", "You already have an authenticator", "Ask your administrator to reset it if you lost it.")
					.tenant(tenant, tenants.displayName(tenant)).send(response, HttpServletResponse.SC_OK);
			return;
		}
		TotpEnrolment enrolment = totp.enrolment(user.get(), "SMART Vitals " + tenants.displayName(tenant));
		tenants.page(tenant, "mfa-enrol", "Set up your authenticator")
				.with("error", sessions.takeFlash(request).map(LoginSessions.Flash::message).orElse(null))
				.with("secret", enrolment.groupedSecret())
				.with("otpauthUri", enrolment.otpauthUri())
				.csrf(request)
				.send(response, HttpServletResponse.SC_OK);
	}

	@PostMapping("/auth/{tenant}/mfa/enrol")
	public void enrol(@PathVariable String tenant, @RequestParam(required = false) String code, HttpServletRequest request,
			HttpServletResponse response) throws IOException {
		if (!tenants.servable(tenant, response)) {
			return;
		}
		Optional<TenantUser> user = enrolling(request, tenant);
		if (user.isEmpty() || user.get().mfaEnrolled()) {
			HtmlPage.seeOther(response, "/auth/" + tenant + "/login");
			return;
		}
		finish(tenant, user.get().username(), code, "/auth/" + tenant + "/mfa/enrol", request, response);
	}

	private void finish(String tenant, String username, String code, String retry, HttpServletRequest request,
			HttpServletResponse response) {
		LoginOutcome outcome = login.code(tenant, username, code);
		if (outcome instanceof LoginOutcome.SignedIn signedIn) {
			HtmlPage.seeOther(response, sessions.signIn(request, response, signedIn.user()));
			return;
		}
		String message = outcome instanceof LoginOutcome.Refused refused ? refused.message() : "Try again.";
		sessions.flash(request, message, null);
		HtmlPage.seeOther(response, retry);
	}

	/** The user enrolling: from a pending enrolment, or the logged-in user of this tenant. */
	private Optional<TenantUser> enrolling(HttpServletRequest request, String tenant) {
		Optional<String> username = sessions.pending(request, tenant).filter(PendingLogin::enrolment).map(PendingLogin::username)
				.or(() -> sessions.current(request, tenant).map(TenantUserAuthentication::getName));
		return username.flatMap(name -> users.find(tenant, name)).filter(u -> !u.disabled());
	}
}
