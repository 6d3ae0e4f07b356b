package dev.warden.launcher;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import dev.warden.serviceidentity.ServiceKey;

/**
 * Prints fresh secrets for a Docker Compose deployment as {@code .env} lines
 * ({@code deploy/new-secrets.sh}): the service keys of the gateway and auth-service
 * (private for the caller, public for the services they call), the gateway's signing key
 * (one for every replica), the TOTP encryption key, the security log's chain key, the
 * first administrator's password, the database, Redis (one per service) and Grafana
 * passwords, and the Kafka administrator's and each service's Kafka password. Nothing is
 * written anywhere else.
 */
public final class NewSecrets {

	private NewSecrets() {
	}

	public static void main(String[] args) throws JOSEException {
		ECKey signing = new ECKeyGenerator(Curve.P_256).keyID("gw-" + UUID.randomUUID().toString().substring(0, 8))
			.generate();
		byte[] totpKey = new byte[32];
		new SecureRandom().nextBytes(totpKey);
		ServiceKey gateway = ServiceKey.generate();
		ServiceKey auth = ServiceKey.generate();
		System.out.println("GATEWAY_SERVICE_KEY=" + gateway.privateJson());
		System.out.println("GATEWAY_SERVICE_PUBLIC_KEY=" + gateway.publicJson());
		System.out.println("AUTH_SERVICE_KEY=" + auth.privateJson());
		System.out.println("AUTH_SERVICE_PUBLIC_KEY=" + auth.publicJson());
		System.out.println("WARDEN_IDENTITY_SIGNING_KEY=" + signing.toJSONString());
		System.out.println("WARDEN_TWOFACTOR_KEYS=k1:" + Base64.getEncoder().encodeToString(totpKey));
		byte[] chainKey = new byte[32];
		new SecureRandom().nextBytes(chainKey);
		System.out.println("WARDEN_AUDIT_CHAINKEYS=k1:" + Base64.getEncoder().encodeToString(chainKey));
		byte[] resetMailKey = new byte[32];
		new SecureRandom().nextBytes(resetMailKey);
		System.out.println("WARDEN_PASSWORDRESET_MAILKEYS=k1:" + Base64.getEncoder().encodeToString(resetMailKey));
		System.out.println("WARDEN_BOOTSTRAP_ADMIN_PASSWORD=" + RandomSecrets.generate(24));
		for (String name : new String[] { "POSTGRES_PASSWORD", "AUTH_DB_PASSWORD", "TOKEN_DB_PASSWORD",
				"AUDIT_DB_PASSWORD", "GRAFANA_ADMIN_PASSWORD", "KAFKA_ADMIN_PASSWORD", "GATEWAY_KAFKA_PASSWORD",
				"AUTH_KAFKA_PASSWORD", "SESSION_KAFKA_PASSWORD", "TOKEN_KAFKA_PASSWORD", "NOTIFICATION_KAFKA_PASSWORD",
				"AUDIT_KAFKA_PASSWORD" }) {
			System.out.println(name + "=" + RandomSecrets.generate(24));
		}
		for (WardenService service : RedisPasswords.services()) {
			System.out.println(RedisPasswords.variable(service) + "=" + RandomSecrets.generate(32));
		}
	}

}
