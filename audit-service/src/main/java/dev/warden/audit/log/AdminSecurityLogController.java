package dev.warden.audit.log;

import java.time.Instant;
import java.util.List;

import dev.warden.audit.log.SecurityEventStore.LogQuery;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import dev.warden.support.apidocs.ProblemResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;

/**
 * The administrators' view of the whole security log (role {@code ADMIN}, enforced by the
 * security chain).
 */
@RestController
@Validated
@Tag(name = "Administration", description = "For administrators (role ADMIN).")
class AdminSecurityLogController {

	private final SecurityEventStore events;

	AdminSecurityLogController(SecurityEventStore events) {
		this.events = events;
	}

	@GetMapping("/api/admin/security-log")
	@Operation(operationId = "listSecurityLog", summary = "Everyone's security log, newest first, a page at a time")
	@ProblemResponse(status = 400, codes = "invalid_cursor", description = "The page cursor is not one this log gave.")
	SecurityLogPage list(@RequestParam(required = false) @Size(max = 100) String userId,
			@RequestParam(required = false) @Size(max = 100) @Pattern(regexp = "[a-z0-9.-]+") String type,
			@RequestParam(required = false) @Pattern(regexp = "success|failure") String outcome,
			@RequestParam(required = false) Instant from, @RequestParam(required = false) Instant to,
			@RequestParam(required = false) @Size(max = 40) String cursor,
			@RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit) {
		return SecurityLogPage
			.of(this.events.find(new LogQuery(userId, type, outcome, from, to, Cursor.decode(cursor), limit)), limit);
	}

	@GetMapping("/api/admin/security-log/verify")
	@Operation(operationId = "verifySecurityLog",
			summary = "Check the security log's chain; names the first entry that breaks it")
	SecurityEventStore.Verification verify() {
		return this.events.verify();
	}

	/** A page of entries and, when there may be more, the cursor of the next page. */
	record SecurityLogPage(List<SecurityEvent> events, @Nullable String nextCursor) {

		static SecurityLogPage of(List<SecurityEvent> events, int limit) {
			String next = events.size() < limit ? null : Cursor.encode(events.get(events.size() - 1).seq());
			return new SecurityLogPage(events, next);
		}
	}

}
