package dev.warden.audit.log;

import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The administrators' view of the whole security log (role {@code ADMIN}, enforced by the security chain). */
@RestController
class AdminSecurityLogController {

	private final SecurityEventStore events;

	AdminSecurityLogController(SecurityEventStore events) {
		this.events = events;
	}

	@GetMapping("/api/admin/security-log")
	SecurityLogPage list(@RequestParam(required = false) @Size(max = 100) String userId,
			@RequestParam(required = false) @Size(max = 100) @Pattern(regexp = "[a-z0-9.-]+") String type,
			@RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit) {
		return new SecurityLogPage(this.events.find(userId, type, limit));
	}

	record SecurityLogPage(List<SecurityEvent> events) {
	}
}
