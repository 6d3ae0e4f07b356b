package dev.warden.token.exposure;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import dev.warden.event.ApiTokenFormat;
import dev.warden.token.lifecycle.TokenService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/tokens/revocations}: public, like GitHub's credential revocation API.
 * Each well-formed token (prefix, alphabet, checksum) that is active is revoked, reason
 * {@code reported_exposed}, and its owner is mailed. The answer is the same whichever
 * matched: the count of well-formed entries, never which were tokens.
 */
@RestController
@Validated
@Tag(name = "API tokens")
class ExposedTokensController {

	static final int MAX_TOKENS = 100;

	private final TokenService tokens;

	ExposedTokensController(TokenService tokens) {
		this.tokens = tokens;
	}

	@PostMapping("/api/tokens/revocations")
	@Operation(operationId = "reportExposedTokens",
			summary = "Report API tokens found exposed (a public repository, a log): each active one stops at once",
			description = "No authentication. A JSON list of up to 100 tokens; the answer counts the well-formed "
					+ "ones and never says which were active. Their owners are mailed.")
	@ApiResponse(responseCode = "202", description = "Received.", useReturnTypeSchema = true)
	ResponseEntity<Received> report(@RequestBody @NotNull @Size(max = MAX_TOKENS) @ArraySchema(
			schema = @Schema(example = "wdn_0123456789ABCDEFGHIJabcdefghij1a2B3c"),
			maxItems = MAX_TOKENS) List<@NotNull @Size(max = 200) String> reported) {
		Set<String> wellFormed = new LinkedHashSet<>();
		for (String token : reported) {
			String candidate = token.strip();
			if (ApiTokenFormat.isWellFormed(candidate)) {
				wellFormed.add(ApiTokenFormat.hash(candidate));
			}
		}
		this.tokens.revokeExposed(wellFormed);
		return ResponseEntity.status(HttpStatus.ACCEPTED).body(new Received(wellFormed.size()));
	}

	/** How many of the entries were well-formed tokens (distinct). */
	record Received(int received) {
	}

}
