package dev.warden.auth.passkey;

import java.net.URI;

import com.webauthn4j.WebAuthnManager;
import com.webauthn4j.converter.util.ObjectConverter;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * webauthn4j, set up for attestation {@code none} (no authenticator model is trusted or
 * refused by its maker's certificate: any passkey the user's device makes is accepted),
 * and the relying party checked at start-up: every origin must be served under its id, or
 * no passkey could ever verify.
 */
@Configuration(proxyBeanMethods = false)
class WebAuthnConfiguration {

	@Bean
	ObjectConverter webAuthnObjectConverter() {
		return new ObjectConverter();
	}

	@Bean
	WebAuthnManager webAuthnManager(ObjectConverter converter, WebAuthnProperties properties) {
		for (String origin : properties.origins()) {
			URI uri = URI.create(origin);
			String host = uri.getHost();
			boolean secure = "https".equals(uri.getScheme()) || "localhost".equals(host);
			if (host == null || !secure
					|| !(host.equals(properties.rpId()) || host.endsWith("." + properties.rpId()))) {
				throw new IllegalStateException("WARDEN_WEBAUTHN_ORIGINS: " + origin
						+ " is not an https origin (or http://localhost) under WARDEN_WEBAUTHN_RPID "
						+ properties.rpId());
			}
		}
		return WebAuthnManager.createNonStrictWebAuthnManager(converter);
	}

}
