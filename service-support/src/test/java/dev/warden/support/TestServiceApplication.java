package dev.warden.support;

import java.util.Map;

import dev.warden.support.identity.RecentAuthentication;
import dev.warden.support.identity.WardenPrincipal;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * A minimal service built on service-support, to test the shared glue as a real service
 * would use it.
 */
@SpringBootApplication
public class TestServiceApplication {

	@RestController
	static class EchoController {

		private final RecentAuthentication recentAuthentication;

		EchoController(RecentAuthentication recentAuthentication) {
			this.recentAuthentication = recentAuthentication;
		}

		@GetMapping("/api/echo")
		WardenPrincipal echo(Authentication authentication) {
			return WardenPrincipal.of(authentication).orElseThrow();
		}

		@GetMapping("/api/admin/echo")
		Map<String, String> adminEcho(Authentication authentication) {
			return Map.of("admin", authentication.getName());
		}

		@PostMapping("/api/admin/echo")
		Map<String, String> adminChange(Authentication authentication) {
			return Map.of("changedBy", authentication.getName());
		}

		/**
		 * Like signing in: reachable with the gateway's anonymous token; answers the
		 * address it carries.
		 */
		@PostMapping("/api/sign-in")
		Map<String, String> signIn(Authentication authentication) {
			return Map.of("clientIp", WardenPrincipal.of(authentication).orElseThrow().clientIp());
		}

		@PostMapping("/api/echo")
		EchoRequest post(@Valid @RequestBody EchoRequest request) {
			return request;
		}

		@PostMapping("/api/sensitive")
		Map<String, String> sensitive(@AuthenticationPrincipal Jwt jwt) {
			this.recentAuthentication.require(jwt);
			return Map.of("done", "yes");
		}

		@GetMapping("/internal/ping")
		@dev.warden.support.identity.CalledBy(dev.warden.support.identity.InternalCallProperties.GATEWAY)
		Map<String, String> internalPing(Authentication authentication) {
			return Map.of("caller", authentication.getName());
		}

		/** Names no caller: closed to every service. */
		@GetMapping("/internal/unlisted")
		Map<String, String> internalUnlisted() {
			return Map.of("reached", "yes");
		}

		@GetMapping("/api/boom")
		String boom() {
			throw new IllegalStateException("secret internal detail");
		}

	}

	record EchoRequest(@NotBlank String name, @NotNull @Min(1) @Max(12) Integer months) {
	}

}
