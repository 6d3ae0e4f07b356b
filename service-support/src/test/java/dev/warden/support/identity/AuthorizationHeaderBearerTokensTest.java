package dev.warden.support.identity;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

import static org.assertj.core.api.Assertions.assertThat;

class AuthorizationHeaderBearerTokensTest {

	private final BearerTokenResolver resolver = new AuthorizationHeaderBearerTokens();

	private final BearerTokenResolver reference = new DefaultBearerTokenResolver();

	@Test
	void resolvesAWellFormedTokenInAnyCaseOfTheScheme() {
		assertThat(this.resolver.resolve(request("Bearer eyJh.eyJz.c2ln"))).isEqualTo("eyJh.eyJz.c2ln");
		assertThat(this.resolver.resolve(request("bEaReR wdn_abc-DEF~+/0=="))).isEqualTo("wdn_abc-DEF~+/0==");
	}

	@Test
	void answersEveryHeaderExactlyAsSpringSecuritysResolverDoes() {
		List<String> headers = new ArrayList<>(List.of("Bearer", "Bearer ", "Bearer  abc", "Bearer abc ", "Bearer =",
				"Bearer a=b", "Bearer abc==", "Bearer ab\tc", "Bearer é", "Basic dXNlcjpwYXNz", "Bearerabc",
				"bearer\tabc", "Token abc", "", "Bearer abc,Bearer def"));
		Random random = new Random(20261129);
		String alphabet = "aZ09-._~+/= \t,é";
		for (int i = 0; i < 20_000; i++) {
			StringBuilder header = new StringBuilder(random.nextBoolean() ? "Bearer " : "bearer");
			for (int length = random.nextInt(6); length > 0; length--) {
				header.append(alphabet.charAt(random.nextInt(alphabet.length())));
			}
			headers.add(header.toString());
		}
		for (String header : headers) {
			assertThat(outcome(this.resolver, header)).as("Authorization: [%s]", header)
				.isEqualTo(outcome(this.reference, header));
		}
		assertThat(outcome(this.resolver, null)).isEqualTo(outcome(this.reference, null));
	}

	/** The token, or the error's code and description. */
	private static String outcome(BearerTokenResolver resolver, String header) {
		try {
			return "token " + resolver.resolve(request(header));
		}
		catch (OAuth2AuthenticationException ex) {
			return "error " + ex.getError().getErrorCode() + " " + ex.getError().getDescription();
		}
	}

	private static MockHttpServletRequest request(String authorization) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/me");
		if (authorization != null) {
			request.addHeader("Authorization", authorization);
		}
		return request;
	}

}
