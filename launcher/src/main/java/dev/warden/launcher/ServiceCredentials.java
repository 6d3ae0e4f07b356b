package dev.warden.launcher;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import dev.warden.infra.EmbeddedInfrastructure;
import dev.warden.serviceidentity.ServiceKey;
import dev.warden.serviceidentity.ServiceTokenMinter;
import org.jspecify.annotations.Nullable;

/**
 * Each service's own credentials and which service is given what: the gateway and
 * auth-service their own private service key, a service they call the public keys of the
 * callers it accepts, a service with a database the login of that database's owner (never
 * the superuser). Nothing is shared between services.
 */
final class ServiceCredentials {

	/**
	 * The database each PostgreSQL-backed service owns (its
	 * {@code warden.postgres.database}).
	 */
	static final Map<WardenService, String> DATABASES = Map.of(WardenService.AUTH, "auth", WardenService.TOKEN,
			"tokens", WardenService.AUDIT, "audit");

	private final ServiceKey gateway;

	private final ServiceKey auth;

	private final Map<String, String> databasePasswords = new LinkedHashMap<>();

	/** Fresh keys, for a throw-away run. */
	ServiceCredentials() {
		this(null);
	}

	/**
	 * @param dataDirectory where a local run keeps the service keys, so the session and
	 * API token grants they signed stay valid across restarts ({@code null}: fresh keys)
	 */
	ServiceCredentials(java.nio.file.@Nullable Path dataDirectory) {
		this.gateway = dataDirectory == null ? ServiceKey.generate()
				: ServiceKey.parse("kept gateway key", KeptSecrets.serviceKey(dataDirectory, "gateway"));
		this.auth = dataDirectory == null ? ServiceKey.generate()
				: ServiceKey.parse("kept auth-service key", KeptSecrets.serviceKey(dataDirectory, "auth-service"));
		DATABASES.values().forEach((database) -> this.databasePasswords.put(database, RandomSecrets.generate(24)));
	}

	/**
	 * Secrets that may come in with the suite's shared environment or the launcher's own
	 * (an operator's setting) but belong to some services only: every other service's
	 * environment is stripped of them (a service taken over learns nothing it does not
	 * use).
	 */
	static final Map<String, Set<WardenService>> OWNED_SECRETS = Map.of("WARDEN_IDENTITY_SIGNING_KEY",
			Set.of(WardenService.GATEWAY), "WARDEN_IDENTITY_SIGNING_PREVIOUSKEYS", Set.of(WardenService.GATEWAY),
			"WARDEN_SERVICE_PREVIOUSKEYS", Set.of(WardenService.GATEWAY, WardenService.AUTH), "WARDEN_TWOFACTOR_KEYS",
			Set.of(WardenService.AUTH), "WARDEN_PASSWORDRESET_MAILKEYS",
			Set.of(WardenService.AUTH, WardenService.NOTIFICATION), "WARDEN_BOOTSTRAP_ADMIN_PASSWORD",
			Set.of(WardenService.AUTH), "WARDEN_AUDIT_CHAINKEYS", Set.of(WardenService.AUDIT), "WARDEN_SMTP_PASSWORD",
			Set.of(WardenService.NOTIFICATION), "WARDEN_POSTGRES_PASSWORD",
			Set.of(WardenService.AUTH, WardenService.TOKEN, WardenService.AUDIT));

	/**
	 * Removes from one service's environment the secrets that belong to other services.
	 */
	static void withoutOthersSecrets(Map<String, String> env, WardenService service) {
		env.keySet().removeIf((name) -> !mayHold(service, name));
	}

	/**
	 * Whether a variable of the launcher's or the suite's environment may reach this
	 * service: a secret listed above only for its owners, any other secret-looking
	 * variable (a password, a key) never — the suite hands each service its own — and
	 * everything else (settings such as {@code WARDEN_SESSION_IDLETIMEOUT}) always.
	 */
	static boolean mayHold(WardenService service, String name) {
		String upper = name.toUpperCase(java.util.Locale.ROOT);
		Set<WardenService> owners = OWNED_SECRETS.get(upper);
		if (owners != null) {
			return owners.contains(service);
		}
		return !(upper.endsWith("_PASSWORD") || upper.endsWith("_KEY") || upper.endsWith("_KEYS"));
	}

	/**
	 * Gives each service database its owner login (embedded PostgreSQL only; an external
	 * one is the operator's).
	 */
	void createDatabaseOwners(EmbeddedInfrastructure infrastructure) {
		if (infrastructure.postgres() != null) {
			this.databasePasswords.forEach(infrastructure::ensureDatabaseOwner);
		}
	}

	/** The credentials of one service, as environment variables. */
	Map<String, String> environmentFor(WardenService service, boolean embeddedPostgres) {
		Map<String, String> env = new LinkedHashMap<>();
		String database = DATABASES.get(service);
		if (database != null && embeddedPostgres) {
			env.put("WARDEN_POSTGRES_USERNAME", database);
			env.put("WARDEN_POSTGRES_PASSWORD", this.databasePasswords.get(database));
		}
		switch (service) {
			case GATEWAY -> {
				env.put("WARDEN_SERVICE_KEY", this.gateway.privateJson());
				// To verify the session grants auth-service signs.
				env.put("WARDEN_INTERNAL_AUTHSERVICEKEY", this.auth.publicJson());
			}
			case AUTH -> env.put("WARDEN_SERVICE_KEY", this.auth.privateJson());
			// The gateway introspects; auth-service creates and ends sessions and counts
			// both for administrators.
			case SESSION, TOKEN -> {
				env.put("WARDEN_INTERNAL_GATEWAYKEY", this.gateway.publicJson());
				env.put("WARDEN_INTERNAL_AUTHSERVICEKEY", this.auth.publicJson());
			}
			default -> {
				// notification-service and audit-service call no one and are called by no
				// one.
			}
		}
		return env;
	}

	/**
	 * Signs session grants as auth-service does, for tests and benchmarks that open
	 * sessions without signing in.
	 */
	dev.warden.serviceidentity.session.SessionGrantSigner sessionGrants() {
		return new dev.warden.serviceidentity.session.SessionGrantSigner(this.auth, Clock.systemUTC());
	}

	/**
	 * Signs API token grants as the gateway does, for benchmarks that create tokens at
	 * token-service directly.
	 */
	dev.warden.serviceidentity.token.TokenGrants tokenGrants() {
		return new dev.warden.serviceidentity.token.TokenGrants(this.gateway, "", Clock.systemUTC());
	}

	/**
	 * An {@code Authorization} value proving {@code caller} to {@code callee}, for tests
	 * and benchmarks.
	 */
	String authorization(WardenService caller, WardenService callee) {
		ServiceKey key = switch (caller) {
			case GATEWAY -> this.gateway;
			case AUTH -> this.auth;
			default -> throw new IllegalArgumentException(caller.module() + " holds no service key");
		};
		return "Bearer " + new ServiceTokenMinter(caller.module(), key, Clock.systemUTC()).tokenFor(callee.module());
	}

}
