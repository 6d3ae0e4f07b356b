package dev.warden.support.replicas;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.client.AbstractBufferingClientHttpRequest;
import org.springframework.http.client.ClientHttpRequest;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Requests to a service that runs as several replicas, each listed by its address
 * ({@code WARDEN_UPSTREAM_SESSION=http://127.0.0.1:8082,http://127.0.0.1:8182}, as
 * {@code ./run-local.sh --scale} starts them): each request goes to the next replica in
 * turn, and one whose connection is refused (a replica killed or restarting) is sent to
 * the next instead. Only a refused connection is retried: the request never reached a
 * service, so even a change is safe to send again; a request that was taken and not
 * answered is not. Behind one DNS name (Docker Compose, Kubernetes) the list has one
 * entry and requests go straight through.
 */
public final class ReplicaRequestFactory implements ClientHttpRequestFactory {

	private final ClientHttpRequestFactory delegate;

	private final List<URI> replicas;

	private final AtomicInteger next;

	private ReplicaRequestFactory(ClientHttpRequestFactory delegate, List<URI> replicas, int first) {
		this.delegate = delegate;
		this.replicas = List.copyOf(replicas);
		this.next = new AtomicInteger(first);
	}

	/**
	 * {@code delegate} over the replicas, or {@code delegate} itself when there is only
	 * one.
	 */
	public static ClientHttpRequestFactory over(ClientHttpRequestFactory delegate, List<URI> replicas) {
		if (replicas.isEmpty()) {
			throw new IllegalArgumentException("No address to call");
		}
		// Each caller starts at a replica of its own, so that several callers do not all
		// begin with the first.
		return replicas.size() == 1 ? delegate : new ReplicaRequestFactory(delegate, replicas,
				java.util.concurrent.ThreadLocalRandom.current().nextInt(replicas.size()));
	}

	/**
	 * The addresses in a comma-separated list ({@code http://a:8082, http://b:8182}).
	 */
	public static List<URI> parse(String addresses) {
		List<URI> parsed = Arrays.stream(addresses.split(","))
			.map(String::strip)
			.filter((address) -> !address.isEmpty())
			.map(URI::create)
			.toList();
		if (parsed.isEmpty()) {
			throw new IllegalArgumentException("No address in '" + addresses + "'");
		}
		return parsed;
	}

	@Override
	public ClientHttpRequest createRequest(URI uri, HttpMethod httpMethod) {
		return new ReplicaRequest(uri, httpMethod);
	}

	/** Where {@code uri} is on one replica: its scheme, host and port, the rest kept. */
	static URI on(URI replica, URI uri) {
		return UriComponentsBuilder.fromUri(uri)
			.scheme(replica.getScheme())
			.host(replica.getHost())
			.port(replica.getPort())
			.build(true)
			.toUri();
	}

	static boolean refused(Throwable error) {
		for (Throwable cause = error; cause != null; cause = cause.getCause()) {
			if (cause instanceof ConnectException || cause instanceof java.net.NoRouteToHostException) {
				return true;
			}
		}
		return false;
	}

	private final class ReplicaRequest extends AbstractBufferingClientHttpRequest {

		private final URI uri;

		private final HttpMethod method;

		ReplicaRequest(URI uri, HttpMethod method) {
			this.uri = uri;
			this.method = method;
		}

		@Override
		public HttpMethod getMethod() {
			return this.method;
		}

		@Override
		public URI getURI() {
			return this.uri;
		}

		@Override
		protected ClientHttpResponse executeInternal(HttpHeaders headers, byte[] body) throws IOException {
			int count = ReplicaRequestFactory.this.replicas.size();
			int first = Math.floorMod(ReplicaRequestFactory.this.next.getAndIncrement(), count);
			IOException refused = null;
			for (int attempt = 0; attempt < count; attempt++) {
				URI replica = ReplicaRequestFactory.this.replicas.get((first + attempt) % count);
				ClientHttpRequest request = ReplicaRequestFactory.this.delegate.createRequest(on(replica, this.uri),
						this.method);
				headers.forEach((name, values) -> request.getHeaders().put(name, values));
				if (body.length > 0) {
					request.getBody().write(body);
				}
				try {
					return request.execute();
				}
				catch (IOException ex) {
					if (!refused(ex)) {
						throw ex;
					}
					refused = ex;
				}
			}
			throw refused;
		}

	}

}
