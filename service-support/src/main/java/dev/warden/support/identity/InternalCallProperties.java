package dev.warden.support.identity;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The key services present to each other on {@code /internal/**} endpoints ({@code WARDEN_INTERNAL_KEY}), which
 * the gateway never routes. Without a configured key every internal call is refused: fail closed.
 *
 * @param key shared secret of at least 32 characters
 */
@ConfigurationProperties("warden.internal")
public record InternalCallProperties(@DefaultValue("") String key) {

	public static final String HEADER = "X-Warden-Internal-Key";

	public static final String PATHS = "/internal/**";

	public boolean configured() {
		return this.key.length() >= 32;
	}
}
