package dev.warden.support.identity;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who may call this service's {@code /internal/**} endpoints (which the gateway never
 * routes): the public key of each calling service, a JWK or a JWK Set during a rotation.
 * A caller without a key is refused; each endpoint further names the callers it accepts
 * ({@link CalledBy}). Nothing configured: every internal call is refused.
 *
 * @param gatewayKey the gateway's public service key ({@code WARDEN_INTERNAL_GATEWAYKEY})
 * @param authServiceKey auth-service's public service key
 * ({@code WARDEN_INTERNAL_AUTHSERVICEKEY})
 */
@ConfigurationProperties("warden.internal")
public record InternalCallProperties(@DefaultValue("") String gatewayKey, @DefaultValue("") String authServiceKey) {

	public static final String PATHS = "/internal/**";

	public static final String GATEWAY = "gateway";

	public static final String AUTH_SERVICE = "auth-service";

	/** Caller name (its {@code spring.application.name}) to configured key. */
	public Map<String, String> callers() {
		Map<String, String> callers = new LinkedHashMap<>();
		callers.put(GATEWAY, this.gatewayKey);
		callers.put(AUTH_SERVICE, this.authServiceKey);
		return callers;
	}
}
