package dev.warden.gateway.problem;

import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ServerWebExchange;

/**
 * A problem the gateway answers with itself, before anything is routed. Clients and tests
 * rely on each code, status and text: they are part of the contract, so they live here,
 * each under its own name.
 */
public record GatewayProblem(HttpStatus status, String code, String title, String detail) {

	private static final String FORBIDDEN = "Forbidden";

	// Authentication: who is calling.

	public static GatewayProblem unauthenticated() {
		return new GatewayProblem(HttpStatus.UNAUTHORIZED, "unauthenticated", "Unauthenticated", "Sign in first.");
	}

	/** {@code what} is the credential that could not be checked: "session" or "token". */
	public static GatewayProblem authenticationUnavailable(String what) {
		return new GatewayProblem(HttpStatus.SERVICE_UNAVAILABLE, "authentication_unavailable",
				"Authentication unavailable", "Your " + what + " cannot be verified right now. Try again shortly.");
	}

	public static GatewayProblem tokenExpired() {
		return new GatewayProblem(HttpStatus.UNAUTHORIZED, "token_expired", "Token expired",
				"This API token has expired. Create a new one on the Security page.");
	}

	public static GatewayProblem tokenRevoked() {
		return new GatewayProblem(HttpStatus.UNAUTHORIZED, "token_revoked", "Token revoked",
				"This API token was revoked.");
	}

	/** Malformed, unknown or no longer granted: the caller is not told which. */
	public static GatewayProblem tokenInvalid() {
		return new GatewayProblem(HttpStatus.UNAUTHORIZED, "unauthenticated", "Unauthenticated",
				"This API token is not valid.");
	}

	// Access: what the caller may do.

	public static GatewayProblem passwordChangeRequired() {
		return new GatewayProblem(HttpStatus.FORBIDDEN, "password_change_required", "Password change required",
				"Change your password before doing anything else.");
	}

	public static GatewayProblem twoFactorSetupRequired() {
		return new GatewayProblem(HttpStatus.FORBIDDEN, "two_factor_setup_required", "Two-factor set-up required",
				"Your organisation requires two-factor authentication. Set it up before doing anything else.");
	}

	public static GatewayProblem sessionRequired() {
		return new GatewayProblem(HttpStatus.FORBIDDEN, "session_required", "Session required",
				"Security settings and administration can only be changed from a signed-in session, not with an API token.");
	}

	public static GatewayProblem adminRequired() {
		return new GatewayProblem(HttpStatus.FORBIDDEN, "forbidden", FORBIDDEN, "Administration needs the ADMIN role.");
	}

	// Protection: requests refused for their shape, origin or rate.

	public static GatewayProblem originNotAllowed() {
		return new GatewayProblem(HttpStatus.FORBIDDEN, "origin_not_allowed", FORBIDDEN,
				"Requests from this origin are not accepted.");
	}

	public static GatewayProblem csrfTokenInvalid() {
		return new GatewayProblem(HttpStatus.FORBIDDEN, "csrf_token_invalid", FORBIDDEN,
				"Send the XSRF-TOKEN cookie's value in the X-XSRF-TOKEN header.");
	}

	public static GatewayProblem tooManyRequests() {
		return new GatewayProblem(HttpStatus.TOO_MANY_REQUESTS, "too_many_requests", "Too many requests",
				"Slow down and try again in a moment.");
	}

	public static GatewayProblem payloadTooLarge(long limit) {
		return new GatewayProblem(HttpStatus.PAYLOAD_TOO_LARGE, "payload_too_large", "Payload too large",
				"The request body is larger than " + limit + " bytes.");
	}

	public static GatewayProblem lengthRequired() {
		return new GatewayProblem(HttpStatus.LENGTH_REQUIRED, "length_required", "Length required",
				"Send the request body with a Content-Length.");
	}

	public static GatewayProblem uriTooLong(int limit) {
		return new GatewayProblem(HttpStatus.URI_TOO_LONG, "uri_too_long", "URI too long",
				"Request URIs are limited to " + limit + " characters.");
	}

	public static GatewayProblem malformedPath() {
		return new GatewayProblem(HttpStatus.BAD_REQUEST, "malformed_request", "Malformed path",
				"The path contains characters or segments that are not allowed.");
	}

	public static GatewayProblem unsupportedMediaType() {
		return new GatewayProblem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type", "Unsupported media type",
				"Send the body as application/json.");
	}

	/**
	 * What the public port answers for the actuator, which lives only on the management
	 * port.
	 */
	public static GatewayProblem notFound() {
		return new GatewayProblem(HttpStatus.NOT_FOUND, "not_found", "Not Found", "No such resource.");
	}

	/** Answers the request with this problem as problem+json. */
	public Mono<Void> write(ServerWebExchange exchange, JsonMapper json) {
		return GatewayProblems.write(exchange, json, this.status, this.code, this.title, this.detail);
	}
}
