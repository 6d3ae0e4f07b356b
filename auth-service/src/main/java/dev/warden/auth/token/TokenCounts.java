package dev.warden.auth.token;

import java.net.http.HttpClient;
import java.util.Map;
import java.util.OptionalInt;

import dev.warden.serviceidentity.ServiceTokenMinter;
import dev.warden.support.replicas.ReplicaRequestFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * How many working API tokens a user has, asked of token-service with auth-service's own
 * service token. Empty when token-service does not answer in time: a count is shown to an
 * administrator, never acted on.
 */
@Component
public class TokenCounts {

	private static final String TOKEN_SERVICE = "token-service";

	private static final Logger log = LoggerFactory.getLogger(TokenCounts.class);

	private final RestClient http;

	TokenCounts(TokenServiceProperties properties, ServiceTokenMinter serviceTokens) {
		HttpClient client = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(properties.connectTimeout())
			.build();
		JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(client);
		factory.setReadTimeout(properties.timeout());
		this.http = RestClient.builder()
			.baseUrl(properties.url().get(0).toString())
			.requestFactory(ReplicaRequestFactory.over(factory, properties.url()))
			.requestInterceptor((request, body, execution) -> {
				request.getHeaders().setBearerAuth(serviceTokens.tokenFor(TOKEN_SERVICE));
				return execution.execute(request, body);
			})
			.build();
	}

	public OptionalInt active(String userId) {
		try {
			Map<?, ?> counted = this.http.get()
				.uri("/internal/users/{userId}/tokens/count", userId)
				.retrieve()
				.body(Map.class);
			if (counted != null && counted.get("count") instanceof Number number) {
				return OptionalInt.of(number.intValue());
			}
		}
		catch (RestClientException ex) {
			log.warn("token-service count failed: {}", ex.getClass().getSimpleName());
		}
		return OptionalInt.empty();
	}

}
