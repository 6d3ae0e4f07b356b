package dev.warden.launcher;

import java.net.http.HttpClient;
import java.time.Duration;

/**
 * The HTTP client of the suite tests: HTTP/1.1 (the JDK client's h2c upgrade on plain
 * http, tried on every new connection, is not what the services speak and can leave a
 * request unanswered under load) and a bounded connect.
 */
final class TestHttp {

	private TestHttp() {
	}

	static HttpClient client() {
		return HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(5))
			.build();
	}

}
