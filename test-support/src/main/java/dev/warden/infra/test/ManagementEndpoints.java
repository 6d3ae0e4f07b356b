package dev.warden.infra.test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

/**
 * Checks a running service the way an outsider and an orchestrator see it: on the public
 * port {@code /actuator/**} is a 404 problem without any health detail or metric; on the
 * management port health (with its components), readiness and Prometheus metrics answer.
 */
public final class ManagementEndpoints {

	/**
	 * HTTP/1.1, as orchestrators and Prometheus speak it; no h2c upgrade offer, and a
	 * bound on every wait.
	 */
	private static final HttpClient HTTP = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(java.time.Duration.ofSeconds(5))
		.build();

	private ManagementEndpoints() {
	}

	/** Throws an {@link AssertionError} naming the first thing that is not so. */
	public static void assertOnlyOnManagementPort(int publicPort, int managementPort) {
		check(publicPort != managementPort, "the management port is the public port " + publicPort);
		for (String path : List.of("/actuator/health", "/actuator/health/readiness", "/actuator/prometheus",
				"/actuator/info", "/actuator", "//actuator/prometheus", "/actuator/env")) {
			HttpResponse<String> refused = get(publicPort, path);
			check(refused.statusCode() == 404, "public " + path + " answered " + refused.statusCode());
			check(refused.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"),
					"public " + path + " is not a problem: " + refused.headers().firstValue("Content-Type"));
			check(refused.body().contains("\"code\":\"not_found\"") && !refused.body().contains("UP")
					&& !refused.body().contains("jvm_"), "public " + path + " answered " + refused.body());
		}
		HttpResponse<String> health = get(managementPort, "/actuator/health");
		check(health.statusCode() == 200 && health.body().contains("\"status\":\"UP\"")
				&& health.body().contains("\"components\""),
				"management health: " + health.statusCode() + " " + health.body());
		HttpResponse<String> readiness = get(managementPort, "/actuator/health/readiness");
		check(readiness.statusCode() == 200, "management readiness: " + readiness.statusCode());
		HttpResponse<String> metrics = get(managementPort, "/actuator/prometheus");
		check(metrics.statusCode() == 200 && metrics.body().contains("jvm_memory_used_bytes"),
				"management metrics: " + metrics.statusCode());
	}

	private static void check(boolean condition, String failure) {
		if (!condition) {
			throw new AssertionError(failure);
		}
	}

	private static HttpResponse<String> get(int port, String path) {
		try {
			return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
				.timeout(java.time.Duration.ofSeconds(20))
				.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new AssertionError("GET " + path + " on port " + port + " failed: " + ex, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError(ex);
		}
	}

}
