package dev.warden.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * A local run gives each service its own credentials and keeps everyone else's from it.
 */
class ServiceCredentialsTest {

	private final ServiceCredentials credentials = new ServiceCredentials();

	@Test
	void onlyTheCallersHoldPrivateServiceKeysAndOnlyTheirCalleesTheirPublicOnes() {
		assertThat(this.credentials.environmentFor(WardenService.GATEWAY, true)).containsOnlyKeys("WARDEN_SERVICE_KEY",
				"WARDEN_INTERNAL_AUTHSERVICEKEY");
		assertThat(this.credentials.environmentFor(WardenService.GATEWAY, true).get("WARDEN_INTERNAL_AUTHSERVICEKEY"))
			.as("auth-service's public key only")
			.doesNotContain("\"d\"");
		assertThat(this.credentials.environmentFor(WardenService.AUTH, true)).containsKeys("WARDEN_SERVICE_KEY")
			.doesNotContainKeys("WARDEN_INTERNAL_GATEWAYKEY", "WARDEN_INTERNAL_AUTHSERVICEKEY");
		assertThat(this.credentials.environmentFor(WardenService.SESSION, true))
			.containsOnlyKeys("WARDEN_INTERNAL_GATEWAYKEY", "WARDEN_INTERNAL_AUTHSERVICEKEY");
		assertThat(this.credentials.environmentFor(WardenService.TOKEN, true))
			.containsKeys("WARDEN_INTERNAL_GATEWAYKEY", "WARDEN_INTERNAL_AUTHSERVICEKEY")
			.doesNotContainKeys("WARDEN_SERVICE_KEY");
		assertThat(this.credentials.environmentFor(WardenService.NOTIFICATION, true)).isEmpty();
		assertThat(this.credentials.environmentFor(WardenService.AUDIT, true))
			.containsOnlyKeys("WARDEN_POSTGRES_USERNAME", "WARDEN_POSTGRES_PASSWORD");
		assertThat(this.credentials.environmentFor(WardenService.SESSION, true).get("WARDEN_INTERNAL_GATEWAYKEY"))
			.doesNotContain("\"d\"");
	}

	/**
	 * The grants of sessions and API tokens are signed with these keys: a restart must
	 * not end them all.
	 */
	@Test
	void aLocalRunKeepsTheServiceKeysItMadeAcrossRestarts(@org.junit.jupiter.api.io.TempDir java.nio.file.Path data) {
		Map<String, String> first = this.keys(new ServiceCredentials(data));
		Map<String, String> again = this.keys(new ServiceCredentials(data));
		Map<String, String> elsewhere = this.keys(new ServiceCredentials(data.resolve("other")));

		assertThat(again).isEqualTo(first);
		assertThat(elsewhere.get("gateway")).isNotEqualTo(first.get("gateway"));
		assertThat(first.get("gateway")).isNotEqualTo(first.get("auth"));
	}

	private Map<String, String> keys(ServiceCredentials credentials) {
		return Map.of("gateway", credentials.environmentFor(WardenService.GATEWAY, true).get("WARDEN_SERVICE_KEY"),
				"auth", credentials.environmentFor(WardenService.AUTH, true).get("WARDEN_SERVICE_KEY"));
	}

	@Test
	void eachDatabaseServiceGetsTheLoginOfItsOwnDatabaseOnly() {
		Map<String, String> auth = this.credentials.environmentFor(WardenService.AUTH, true);
		Map<String, String> tokens = this.credentials.environmentFor(WardenService.TOKEN, true);

		assertThat(auth).containsEntry("WARDEN_POSTGRES_USERNAME", "auth");
		assertThat(tokens).containsEntry("WARDEN_POSTGRES_USERNAME", "tokens");
		assertThat(auth.get("WARDEN_POSTGRES_PASSWORD")).isNotEqualTo(tokens.get("WARDEN_POSTGRES_PASSWORD"));
		assertThat(this.credentials.environmentFor(WardenService.AUTH, false))
			.as("an external PostgreSQL is the operator's")
			.doesNotContainKey("WARDEN_POSTGRES_PASSWORD");
	}

	@Test
	void theSharedEnvironmentLosesEverySecretThatIsAnotherServicesButKeepsSettings() {
		Map<String, String> shared = new LinkedHashMap<>();
		shared.put("WARDEN_TWOFACTOR_KEYS", "k1:x");
		shared.put("WARDEN_AUDIT_CHAINKEYS", "k1:y");
		shared.put("WARDEN_PASSWORDRESET_MAILKEYS", "k1:z");
		shared.put("WARDEN_IDENTITY_SIGNING_KEY", "{}");
		shared.put("WARDEN_BOOTSTRAP_ADMIN_PASSWORD", "p");
		shared.put("GATEWAY_REDIS_PASSWORD", "r");
		shared.put("KAFKA_ADMIN_PASSWORD", "k");
		shared.put("WARDEN_SESSION_IDLETIMEOUT", "30m");

		Map<String, String> notification = new LinkedHashMap<>(shared);
		ServiceCredentials.withoutOthersSecrets(notification, WardenService.NOTIFICATION);
		Map<String, String> auth = new LinkedHashMap<>(shared);
		ServiceCredentials.withoutOthersSecrets(auth, WardenService.AUTH);

		assertThat(notification).containsOnlyKeys("WARDEN_PASSWORDRESET_MAILKEYS", "WARDEN_SESSION_IDLETIMEOUT");
		assertThat(auth).containsOnlyKeys("WARDEN_TWOFACTOR_KEYS", "WARDEN_PASSWORDRESET_MAILKEYS",
				"WARDEN_BOOTSTRAP_ADMIN_PASSWORD", "WARDEN_SESSION_IDLETIMEOUT");
	}

}
