package dev.warden.gateway.authentication;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The key the gateway presents to services' internal APIs ({@code WARDEN_INTERNAL_KEY}), the same every
 * service is configured with.
 */
@ConfigurationProperties("warden.internal")
public record InternalKeyProperties(@DefaultValue("") String key) {
}
