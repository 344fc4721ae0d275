package io.smartvitals.smart.auth.login;

import io.smartvitals.smart.auth.pages.HtmlPage;
import io.smartvitals.smart.auth.pages.TenantPages;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@code /auth/{tenant}/login}: username and password. The post answers 303: to the MFA step,
 * to where the login was asked for (see {@link PostLoginRedirect}), or back here with a message.
 */
@Controller
public class LoginPage {

	private final TenantLogin login;
	private final LoginSessions sessions;
	private final TenantPages tenants;

	public LoginPage(TenantLogin login, LoginSessions sessions, TenantPages tenants) {
		this.login = login;
		this.sessions = sessions;
		this.tenants = tenants;
	}

	@GetMapping("/auth/{tenant}/login")
	public void form(@PathVariable String tenant, HttpServletRequest request, HttpServletResponse response) throws IOException {
		if (!tenants.servable(tenant, response)) {
			return;
		}
		LoginSessions.Flash flash = sessions.takeFlash(request).orElse(new LoginSessions.Flash(null, ""));
		tenants.page(tenant, "login", "Sign in")
				.with("error", flash.message())
				.with("username", flash.username())
				.csrf(request)
				.send(response, HttpServletResponse.SC_OK);
	}

	@PostMapping("/auth/{tenant}/login")
	public void submit(@PathVariable String tenant, @RequestParam(required = false) String username,
			@RequestParam(required = false) String password, HttpServletRequest request, HttpServletResponse response)
			throws IOException {
		if (!tenants.servable(tenant, response)) {
			return;
		}
		LoginOutcome outcome = login.password(tenant, username, password, request.getRemoteAddr());
		if (outcome instanceof LoginOutcome.SignedIn signedIn) {
			HtmlPage.seeOther(response, sessions.signIn(request, response, signedIn.user()));
		} else if (outcome instanceof LoginOutcome.CodeNeeded needed) {
			sessions.pend(request, needed.user(), false);
			HtmlPage.seeOther(response, "/auth/" + tenant + "/mfa");
		} else if (outcome instanceof LoginOutcome.EnrolmentNeeded needed) {
			sessions.pend(request, needed.user(), true);
			HtmlPage.seeOther(response, "/auth/" + tenant + "/mfa/enrol");
		} else {
			String message = ((LoginOutcome.Refused) outcome).message();
			sessions.flash(request, message, username == null || username.length() > 64 ? "" : username);
			HtmlPage.seeOther(response, "/auth/" + tenant + "/login");
		}
	}
}
