package dev.warden.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import dev.warden.infra.test.TestJwts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Every failure a service answers is RFC 9457 problem+json with a stable code, and never
 * leaks internals.
 */
@SpringBootTest(classes = TestServiceApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
class ProblemResponsesIT {

	@LocalServerPort
	int port;

	HttpCalls http;

	String bearer;

	@BeforeEach
	void setUp() {
		this.http = new HttpCalls(this.port);
		this.bearer = TestJwts.shared().forUser("user-1").bearer();
	}

	@Test
	void unknownPathIsNotFound() {
		assertProblem(this.http.get("/api/nothing-here", this.bearer), 404, "not_found");
	}

	@Test
	void wrongMethodIsMethodNotAllowed() {
		assertProblem(this.http.send("DELETE", "/api/echo", this.bearer, null, ""), 405, "method_not_allowed");
	}

	@Test
	void wrongContentTypeIsUnsupportedMediaType() {
		assertProblem(this.http.send("POST", "/api/echo", this.bearer, "text/plain", "hello"), 415,
				"unsupported_media_type");
	}

	@Test
	void invalidJsonIsMalformedRequest() {
		HttpResponse<String> response = this.http.send("POST", "/api/echo", this.bearer, "application/json",
				"{\"name\": \"x\", \"months\": ");

		assertProblem(response, 400, "malformed_request");
	}

	@Test
	void wrongJsonTypeIsMalformedRequest() {
		assertProblem(this.http.send("POST", "/api/echo", this.bearer, "application/json",
				"{\"name\": \"x\", \"months\": {\"a\": 1}}"), 400, "malformed_request");
	}

	@Test
	void invalidFieldsAreListedFieldByField() {
		HttpResponse<String> response = this.http.send("POST", "/api/echo", this.bearer, "application/json",
				"{\"name\": \" \", \"months\": 13}");

		assertProblem(response, 400, "validation_failed");
		assertThat(response.body()).contains("\"field\":\"months\"")
			.contains("\"code\":\"out_of_range\"")
			.contains("\"field\":\"name\"")
			.contains("\"code\":\"required\"");
	}

	@Test
	void requestTheFirewallRefusesIsAProblemToo() {
		HttpResponse<String> response = this.http.get("/api/echo/..%2F..%2Fetc%2Fpasswd", this.bearer);

		assertProblem(response, 400, "bad_request");
	}

	@Test
	void unexpectedFailureIsInternalErrorWithoutDetails() {
		HttpResponse<String> response = this.http.get("/api/boom", this.bearer);

		assertProblem(response, 500, "internal_error");
		assertThat(response.body()).doesNotContain("secret internal detail")
			.doesNotContain("IllegalStateException")
			.doesNotContain("dev.warden");
	}

	@Test
	void pathsTomcatItselfRefusesAreProblemsToo() throws Exception {
		for (String path : java.util.List.of("/api/echo/..%5c..%5cx", "/api/echo/..%5C..%5Cetc", "/api/echo/..\\x",
				"/%2e%2e/x", "/../x", "/api/echo/%00", "/api/echo/..;/x")) {
			String answer = raw("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + this.bearer
					+ "\r\nConnection: close\r\n\r\n");

			assertThat(answer).as(path).startsWith("HTTP/1.1 400");
			assertThat(answer.toLowerCase(java.util.Locale.ROOT)).as(path)
				.contains("content-type: application/problem+json")
				.doesNotContain("<html");
		}
	}

	/**
	 * A request exactly as written, which an HTTP client could otherwise tidy up (or
	 * refuse) before sending.
	 */
	private String raw(String request) throws Exception {
		try (java.net.Socket socket = new java.net.Socket("127.0.0.1", this.port)) {
			socket.setSoTimeout(10_000);
			socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
			return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
		}
	}

	private static void assertProblem(HttpResponse<String> response, int status, String code) {
		assertThat(response.statusCode()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(response.body()).contains("\"code\":\"" + code + "\"").contains("\"status\":" + status);
	}

}
