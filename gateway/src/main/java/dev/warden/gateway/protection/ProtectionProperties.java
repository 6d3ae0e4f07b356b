package dev.warden.gateway.protection;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Request hygiene at the door ({@code warden.gateway.protection.*}).
 *
 * @param maxBodySize the largest request body the gateway forwards (413 beyond)
 * @param allowedOrigins origins whose browsers may send unsafe requests (besides the
 * gateway's own origin)
 */
@ConfigurationProperties("warden.gateway.protection")
public record ProtectionProperties(@DefaultValue("64KB") DataSize maxBodySize, @DefaultValue( {
	}) List<String> allowedOrigins){
}
