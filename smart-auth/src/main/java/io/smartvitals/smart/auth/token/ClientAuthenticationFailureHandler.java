package io.smartvitals.smart.auth.token;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.http.converter.OAuth2ErrorHttpMessageConverter;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

/**
 * Failed client authentication at the token, introspection and revocation endpoints, per RFC 6749
 * section 5.2: {@code invalid_client} is 401, with {@code WWW-Authenticate: Basic} when the client
 * tried HTTP Basic; any other error stays 400. (Spring Authorization Server answers 400 for all.)
 */
public class ClientAuthenticationFailureHandler implements AuthenticationFailureHandler {

	private final OAuth2ErrorHttpMessageConverter json = new OAuth2ErrorHttpMessageConverter();

	@Override
	public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
			throws IOException {
		OAuth2Error error = exception instanceof OAuth2AuthenticationException oauth ? oauth.getError()
				: new OAuth2Error(OAuth2ErrorCodes.INVALID_CLIENT);
		boolean invalidClient = OAuth2ErrorCodes.INVALID_CLIENT.equals(error.getErrorCode());
		ServletServerHttpResponse http = new ServletServerHttpResponse(response);
		http.setStatusCode(invalidClient ? HttpStatus.UNAUTHORIZED : HttpStatus.BAD_REQUEST);
		String authorization = request.getHeader("Authorization");
		if (invalidClient && authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
			http.getHeaders().set("WWW-Authenticate", "Basic realm=\"token\"");
		}
		json.write(error, null, http);
	}
}
