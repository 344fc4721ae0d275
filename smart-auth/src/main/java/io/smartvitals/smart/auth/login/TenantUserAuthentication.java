package io.smartvitals.smart.auth.login;

import io.smartvitals.smart.auth.users.TenantUser;
import io.smartvitals.smart.auth.users.UserKind;
import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * A user of one tenant who completed login (password, and TOTP where needed). Only this type in
 * the session counts as logged in; a password without its pending second factor never does.
 * {@link #getName()} is the username, which becomes the token's {@code sub}.
 */
public final class TenantUserAuthentication extends AbstractAuthenticationToken {

	private static final long serialVersionUID = 1L;
	private final String tenant;
	private final String username;
	private final String fhirUser;
	private final UserKind kind;
	private final boolean tenantWide;

	public TenantUserAuthentication(String tenant, String username, String fhirUser, UserKind kind, boolean tenantWide) {
		super(List.of(new SimpleGrantedAuthority("ROLE_" + kind.name())));
		this.tenant = tenant;
		this.username = username;
		this.fhirUser = fhirUser;
		this.kind = kind;
		this.tenantWide = tenantWide;
		super.setAuthenticated(true);
	}

	public static TenantUserAuthentication of(TenantUser user) {
		return new TenantUserAuthentication(user.tenant(), user.username(), user.fhirUser().toString(), user.kind(), user.tenantWide());
	}

	public String tenant() {
		return tenant;
	}

	/** Relative reference, e.g. {@code Practitioner/abc}. */
	public String fhirUser() {
		return fhirUser;
	}

	public UserKind kind() {
		return kind;
	}

	public boolean tenantWide() {
		return tenantWide;
	}

	/** For a patient user, the id of their own Patient; otherwise null. */
	public String ownPatientId() {
		return kind == UserKind.PATIENT ? fhirUser.substring(fhirUser.indexOf('/') + 1) : null;
	}

	public boolean belongsTo(String tenantId) {
		return tenant.equals(tenantId);
	}

	@Override
	public String getName() {
		return username;
	}

	@Override
	public Object getPrincipal() {
		return username;
	}

	@Override
	public Object getCredentials() {
		return null;
	}

	@Override
	public void setAuthenticated(boolean authenticated) {
		if (authenticated) {
			throw new IllegalArgumentException("Only the login flow creates an authenticated TenantUserAuthentication");
		}
		super.setAuthenticated(false);
	}
}
