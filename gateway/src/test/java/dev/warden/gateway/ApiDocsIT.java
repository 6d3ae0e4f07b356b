package dev.warden.gateway;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.warden.gateway.apidocs.ApiDescription;
import dev.warden.gateway.authentication.CookieProperties;
import dev.warden.infra.test.ApiContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API description and its page are served by the gateway to anyone, from its own jar,
 * under the same strict Content Security Policy as the Security page; and what the
 * gateway answers itself in front of the services is as the description says.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class ApiDocsIT {

	static final UpstreamStub upstream = new UpstreamStub();

	@LocalServerPort
	int port;

	@Autowired
	JsonMapper json;

	@Autowired
	CookieProperties cookie;

	// HTTP/1.1: the JDK client's h2c upgrade offer, which the gateway does
	// not speak, could leave a request on a new connection unanswered.
	final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(10))
		.build();

	@DynamicPropertySource
	static void upstreams(DynamicPropertyRegistry registry) {
		for (String service : new String[] { "auth", "audit", "token", "session", "notification" }) {
			registry.add("warden.upstream." + service, upstream::url);
		}
		registry.add("warden.service.key", UpstreamStub.GATEWAY_SERVICE_KEY::privateJson);
		registry.add("warden.internal.auth-service-key", UpstreamStub.AUTH_SERVICE_KEY::publicJson);
		registry.add("warden.gateway.trusted-proxies", () -> "127.0.0.1/32");
	}

	@AfterAll
	static void stopUpstream() {
		upstream.close();
	}

	@Test
	void theDescriptionIsPublicAndIsTheMergedOne() throws Exception {
		HttpResponse<String> response = send("GET", "/api/docs/openapi.json", null, null);

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/json"));
		assertThat(this.json.readTree(response.body()))
			.isEqualTo(ApiDescription.merged(this.json, this.cookie.effectiveName()));
		assertThat(upstream.received()).isEmpty();
	}

	@Test
	void thePageIsPublicLoadsOnlyTheGatewaysOwnFilesAndKeepsTheStrictPolicy() throws Exception {
		HttpResponse<String> page = send("GET", "/api/docs", null, null);

		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("text/html"));
		assertThat(page.headers().firstValue("Content-Security-Policy"))
			.hasValueSatisfying((csp) -> assertThat(csp).contains("script-src 'self'", "style-src 'self'")
				.doesNotContain("unsafe-inline", "unsafe-eval", "http"));
		assertThat(page.body()).doesNotContain("http://", "https://", "<script>", "style=");
		for (String asset : new String[] { "swagger-ui.css", "swagger-ui-bundle.js", "api-docs.js", "api-docs.css" }) {
			assertThat(page.body()).contains("/api/docs/" + asset);
			HttpResponse<String> file = send("GET", "/api/docs/" + asset, null, null);
			assertThat(file.statusCode()).as(asset).isEqualTo(200);
			assertThat(file.headers().firstValue("Content-Type")).as(asset)
				.hasValueSatisfying(
						(type) -> assertThat(type).startsWith(asset.endsWith(".js") ? "text/javascript" : "text/css"));
		}
		HttpResponse<String> unknown = send("GET", "/api/docs/swagger-initializer.js", null, null);
		assertThat(unknown.statusCode()).isEqualTo(404);
		assertThat(unknown.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(unknown.body()).contains("\"code\":\"not_found\"");
		assertThat(getClass().getResource("/META-INF/resources/webjars/swagger-ui"))
			.as("the webjar is not on the class path, so none of its other files is served")
			.isNull();
		assertThat(send("GET", "/webjars/swagger-ui/index.html", null, null).statusCode()).isEqualTo(404);
		assertThat(send("GET", "/api/docs/..%2f..%2fapplication.yml", null, null).statusCode()).isIn(400, 404);
	}

	@Test
	void whatTheGatewayAnswersItselfIsAsDescribed() throws Exception {
		ApiContract contract = ApiContract
			.of(this.json.readTree(send("GET", "/api/docs/openapi.json", null, null).body()));
		List<String> violations = new ArrayList<>();
		List<String> statuses = new ArrayList<>();
		record Call(String method, String path, String cookie, String bearer) {
		}
		for (Call call : List.of(new Call("GET", "/api/security/sessions", null, null),
				new Call("GET", "/api/admin/users", UpstreamStub.ACTIVE_SECRET, null),
				new Call("GET", "/api/security/sessions", UpstreamStub.PASSWORD_CHANGE_SECRET, null),
				new Call("GET", "/api/security/sessions", UpstreamStub.TWO_FACTOR_SETUP_SECRET, null),
				new Call("GET", "/api/security/tokens", null, UpstreamStub.ACTIVE_TOKEN),
				new Call("GET", "/api/me", null, UpstreamStub.EXPIRED_TOKEN),
				new Call("GET", "/api/me", null, UpstreamStub.REVOKED_TOKEN),
				new Call("POST", "/api/security/password", UpstreamStub.ACTIVE_SECRET, null))) {
			HttpResponse<String> response = send(call.method(), call.path(), call.cookie(), call.bearer());
			statuses.add(call.path() + " " + response.statusCode() + " "
					+ this.json.readTree(response.body()).path("code").asString());
			violations.addAll(contract.check(call.method(), call.path(), response.statusCode(),
					response.headers().firstValue("Content-Type").orElse(""), response.body().getBytes()));
		}
		assertThat(statuses).allSatisfy((status) -> assertThat(status).matches(".* (401|403) [a-z_]+"));
		assertThat(violations).isEmpty();
		assertThat(upstream.received()).isEmpty();
	}

	private HttpResponse<String> send(String method, String path, String session, String bearer) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.timeout(Duration.ofSeconds(30))
			.method(method, "GET".equals(method) ? HttpRequest.BodyPublishers.noBody()
					: HttpRequest.BodyPublishers.ofString("{}"));
		if (!"GET".equals(method)) {
			request.header("Content-Type", "application/json");
		}
		if (session != null) {
			request.header("Cookie", this.cookie.effectiveName() + "=" + session);
		}
		if (bearer != null) {
			request.header("Authorization", "Bearer " + bearer);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
