package dev.warden.audit.log;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import dev.warden.audit.log.SecurityEventStore.LogQuery;
import dev.warden.support.apidocs.ProblemResponse;
import dev.warden.support.identity.WardenPrincipal;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import org.jspecify.annotations.Nullable;

/**
 * The Security page's security log: the caller's own events and nobody else's, newest
 * first, with a sentence each; and the same as CSV, streamed row by row.
 */
@RestController
@Validated
@Tag(name = "Security log", description = "What happened to the account: sign-ins, changes, refusals.")
class MySecurityLogController {

	private final SecurityEventStore events;

	MySecurityLogController(SecurityEventStore events) {
		this.events = events;
	}

	@GetMapping("/api/security/log")
	@Operation(operationId = "getMySecurityLog",
			summary = "The user's own security log, newest first, a page at a time")
	@ProblemResponse(status = 400, codes = "invalid_cursor", description = "The page cursor is not one this log gave.")
	AdminSecurityLogController.SecurityLogPage mine(@AuthenticationPrincipal Jwt jwt,
			@RequestParam(required = false) @Size(max = 100) @Pattern(regexp = "[a-z0-9.-]+") String type,
			@RequestParam(required = false) @Pattern(regexp = LogKind.PATTERN) @Parameter(
					description = "One part of the page's log: sign-ins, password, two-factor, sessions, tokens or the account",
					schema = @Schema(allowableValues = { "sign-in", "password", "two-factor", "sessions", "tokens",
							"account" })) String kind,
			@RequestParam(required = false) @Pattern(regexp = "success|failure") String outcome,
			@RequestParam(required = false) Instant from, @RequestParam(required = false) Instant to,
			@RequestParam(required = false) @Size(max = 40) String cursor,
			@RequestParam(defaultValue = "50") @Min(1) @Max(200) int limit) {
		String userId = WardenPrincipal.from(jwt).userId();
		return AdminSecurityLogController.SecurityLogPage.of(
				this.events
					.find(new LogQuery(userId, type, kind(kind), outcome, from, to, Cursor.decode(cursor), limit)),
				limit);
	}

	@GetMapping("/api/security/log/export")
	@Operation(operationId = "exportMySecurityLog", summary = "The user's own security log as CSV")
	@ApiResponse(responseCode = "200", description = "The log, one row per entry, newest first.",
			content = @Content(mediaType = "text/csv", schema = @Schema(type = "string")))
	ResponseEntity<StreamingResponseBody> export(@AuthenticationPrincipal Jwt jwt,
			@RequestParam(required = false) @Size(max = 100) @Pattern(regexp = "[a-z0-9.-]+") String type,
			@RequestParam(required = false) @Pattern(regexp = LogKind.PATTERN) @Parameter(
					description = "One part of the page's log: sign-ins, password, two-factor, sessions, tokens or the account",
					schema = @Schema(allowableValues = { "sign-in", "password", "two-factor", "sessions", "tokens",
							"account" })) String kind,
			@RequestParam(required = false) @Pattern(regexp = "success|failure") String outcome,
			@RequestParam(required = false) Instant from, @RequestParam(required = false) Instant to) {
		LogQuery query = new LogQuery(WardenPrincipal.from(jwt).userId(), type, kind(kind), outcome, from, to, null,
				Integer.MAX_VALUE);
		StreamingResponseBody body = (out) -> {
			BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
			writer.write(Csv.row("time", "event", "summary", "outcome", "actor", "ip", "user agent", "id"));
			this.events.stream(query, (event) -> {
				try {
					writer.write(Csv.row(event.occurredAt().toString(), event.type(), event.summary(), event.outcome(),
							event.actor().type(), text(event.ip()), text(event.userAgent()), event.id()));
				}
				catch (java.io.IOException ex) {
					throw new UncheckedIOException(ex);
				}
			});
			writer.flush();
		};
		return ResponseEntity.ok()
			.contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
			.header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"security-log.csv\"")
			.body(body);
	}

	private static @Nullable LogKind kind(@Nullable String value) {
		return value == null ? null : LogKind.of(value).orElseThrow();
	}

	private static String text(@Nullable Object value) {
		return value == null ? "" : value.toString();
	}

}
