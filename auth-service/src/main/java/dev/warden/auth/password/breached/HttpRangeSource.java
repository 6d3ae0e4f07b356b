package dev.warden.auth.password.breached;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The range API over HTTP: {@code GET <base><prefix>} with {@code Add-Padding: true}, so
 * the size of the answer does not tell an observer of the connection which range it was.
 * The whole exchange, body included, must end within the timeout, and a body beyond
 * {@link #MAX_RANGE_BYTES} is not read further: a slow or hostile server holds no
 * sign-in.
 */
final class HttpRangeSource implements RangeSource {

	/** A padded range is some 30 to 40 KB. */
	static final int MAX_RANGE_BYTES = 256 * 1024;

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
		CompletableFuture<HttpResponse<String>> exchange = this.http.sendAsync(request, (info) -> new Bounded());
		HttpResponse<String> response;
		try {
			response = exchange.get(this.timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			exchange.cancel(true);
			throw new IOException("range not received within " + this.timeout, ex);
		}
		catch (ExecutionException ex) {
			throw new IOException("range request failed", ex.getCause());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("interrupted", ex);
		}
		if (response.statusCode() != 200) {
			throw new IOException("range API answered " + response.statusCode());
		}
		return response.body();
	}

	/**
	 * Collects the body up to the bound; beyond it, cancels the exchange and fails it at
	 * once.
	 */
	private static final class Bounded implements HttpResponse.BodySubscriber<String> {

		private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

		private final CompletableFuture<String> text = new CompletableFuture<>();

		private Flow.@org.jspecify.annotations.Nullable Subscription subscription;

		@Override
		public CompletionStage<String> getBody() {
			return this.text;
		}

		@Override
		public void onSubscribe(Flow.Subscription subscription) {
			this.subscription = subscription;
			subscription.request(Long.MAX_VALUE);
		}

		@Override
		public void onNext(List<ByteBuffer> items) {
			for (ByteBuffer item : items) {
				if (this.bytes.size() + item.remaining() > MAX_RANGE_BYTES) {
					Flow.Subscription current = this.subscription;
					if (current != null) {
						current.cancel();
					}
					this.text.completeExceptionally(new IOException("range larger than " + MAX_RANGE_BYTES + " bytes"));
					return;
				}
				byte[] chunk = new byte[item.remaining()];
				item.get(chunk);
				this.bytes.write(chunk, 0, chunk.length);
			}
		}

		@Override
		public void onError(Throwable failure) {
			this.text.completeExceptionally(failure);
		}

		@Override
		public void onComplete() {
			this.text.complete(this.bytes.toString(StandardCharsets.UTF_8));
		}

	}

}
