package dev.warden.gateway.client;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which peers may tell the gateway who the client is
 * ({@code warden.gateway.trusted-proxies}, {@code WARDEN_GATEWAY_TRUSTEDPROXIES}).
 *
 * @param trustedProxies CIDR blocks (IPv4 or IPv6; a bare address is a block of one) of
 * the load balancers in front of the gateway; empty (the default) means no
 * {@code Forwarded} or {@code X-Forwarded-For} header is believed
 */
@ConfigurationProperties("warden.gateway")
public record ClientAddressProperties(@DefaultValue( {
	}) List<String> trustedProxies){
}
