package dev.warden.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.impl.routing.DefaultRoutePlanner;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.http.protocol.HttpContext;

/**
 * An HTTP client that speaks from a loopback address of the caller's choice (127.0.0.2 …
 * 127.0.0.250), as a client on another machine would: the attack suite's way to be many
 * clients at once. Connections are pooled per source address.
 */
final class SourceAddressClient implements AutoCloseable {

	private static final String SOURCE = "warden.source-address";

	private final CloseableHttpClient http;

	SourceAddressClient() {
		this.http = HttpClients.custom().setRoutePlanner(new DefaultRoutePlanner(null) {
			@Override
			protected InetAddress determineLocalAddress(HttpHost firstHop, HttpContext context) {
				return (InetAddress) context.getAttribute(SOURCE);
			}
		})
			.setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
				.setMaxConnTotal(400)
				.setMaxConnPerRoute(20)
				.build())
			.disableCookieManagement()
			.disableAutomaticRetries()
			.disableRedirectHandling()
			.build();
	}

	/** The {@code n}-th client address, cycling through 127.0.0.2 … 127.0.0.250. */
	static String address(int n) {
		return "127.0.0." + (2 + Math.floorMod(n, 249));
	}

	/**
	 * Sends a request from {@code source}; {@code headers} in pairs (name, value, name,
	 * value…).
	 */
	Answer send(String source, String method, String url, String json, String... headers) {
		HttpUriRequestBase request = new HttpUriRequestBase(method, java.net.URI.create(url));
		for (int i = 0; i + 1 < headers.length; i += 2) {
			request.addHeader(headers[i], headers[i + 1]);
		}
		if (json != null) {
			request.setEntity(new StringEntity(json, ContentType.APPLICATION_JSON));
		}
		HttpClientContext context = HttpClientContext.create();
		try {
			context.setAttribute(SOURCE, InetAddress.getByName(source));
			return this.http.execute(request, context,
					(response) -> new Answer(response.getCode(),
							Arrays.stream(response.getHeaders())
								.map((header) -> Map.entry(header.getName(), header.getValue()))
								.toList(),
							response.getEntity() == null ? ""
									: EntityUtils.toString(response.getEntity(), StandardCharsets.UTF_8)));
		}
		catch (UnknownHostException ex) {
			throw new IllegalArgumentException(ex);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void close() throws IOException {
		this.http.close();
	}

	/** A status, the headers in order, and the body as text. */
	record Answer(int status, List<Map.Entry<String, String>> headers, String body) {

		Optional<String> header(String name) {
			return this.headers.stream()
				.filter((h) -> h.getKey().equalsIgnoreCase(name))
				.map(Map.Entry::getValue)
				.findFirst();
		}

		/** The value of a cookie this answer sets. */
		Optional<String> cookie(String name) {
			return this.headers.stream()
				.filter((h) -> h.getKey().equalsIgnoreCase("Set-Cookie") && h.getValue().startsWith(name + "="))
				.map((h) -> h.getValue().substring(name.length() + 1, h.getValue().indexOf(';')))
				.findFirst();
		}

		@Override
		public String toString() {
			return this.status + " " + (this.body.length() > 200 ? this.body.substring(0, 200) + "…" : this.body);
		}

		/** The problem's {@code code}, or empty. */
		String code() {
			java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("\"code\":\"([^\"]+)\"")
				.matcher(this.body);
			return matcher.find() ? matcher.group(1) : "";
		}
	}

}
