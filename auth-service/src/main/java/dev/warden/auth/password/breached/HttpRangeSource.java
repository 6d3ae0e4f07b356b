package dev.warden.auth.password.breached;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The range API over HTTP: {@code GET <base><prefix>} with {@code Add-Padding: true}, so
 * the size of the answer does not tell an observer of the connection which range it was.
 */
final class HttpRangeSource implements RangeSource {

	private final String base;

	private final Duration timeout;

	private final HttpClient http;

	HttpRangeSource(String base, Duration timeout) {
		this.base = base.strip();
		this.timeout = timeout;
		this.http = HttpClient.newBuilder()
			.connectTimeout(timeout)
			.followRedirects(HttpClient.Redirect.NEVER)
			.version(HttpClient.Version.HTTP_1_1)
			.build();
	}

	@Override
	public String range(String prefix) throws IOException {
		HttpRequest request = HttpRequest.newBuilder(URI.create(this.base + prefix))
			.timeout(this.timeout)
			.header("Add-Padding", "true")
			.header("User-Agent", "Warden password screening")
			.GET()
			.build();
		try {
			HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != 200) {
				throw new IOException("range API answered " + response.statusCode());
			}
			return response.body();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("interrupted", ex);
		}
	}

}
