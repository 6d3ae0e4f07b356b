package dev.warden.infra.test;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import dev.warden.serviceidentity.ServiceKey;
import dev.warden.serviceidentity.ServiceTokenMinter;

/**
 * Mints internal JWTs like the gateway does (ES256, issuer {@code warden-gateway},
 * addressed to the service under test) and serves their JWK Set over real HTTP, so a
 * service under test verifies them exactly as in production. Use {@link #forUser(String)}
 * to call an endpoint as a given user, and {@link #serviceCall(String, String)} to call
 * an internal endpoint as another service.
 */
public final class TestJwts {

	public static final String ISSUER = "warden-gateway";

	/**
	 * The gateway's service key: every service under test accepts it as the gateway's.
	 */
	public static final ServiceKey GATEWAY_SERVICE_KEY = ServiceKey.generate();

	/**
	 * auth-service's service key: every service under test accepts it as auth-service's,
	 * and auth-service signs with it.
	 */
	public static final ServiceKey AUTH_SERVICE_KEY = ServiceKey.generate();

	/**
	 * The service whose tests run in this JVM ({@code spring.application.name}), set as
	 * its context starts.
	 */
	private static volatile String serviceUnderTest;

	private static volatile TestJwts instance;

	private final ECKey key;

	private final HttpServer server;

	private TestJwts(ECKey key) {
		this.key = key;
		this.server = serveJwks(new JWKSet(key.toPublicJWK()).toString());
	}

	/**
	 * The JVM-wide instance, whose key a service under test trusts through
	 * {@link #jwksUri()}.
	 */
	public static TestJwts shared() {
		TestJwts current = instance;
		if (current == null) {
			synchronized (TestJwts.class) {
				current = instance;
				if (current == null) {
					current = new TestJwts(generateKey());
					instance = current;
				}
			}
		}
		return current;
	}

	/**
	 * A minter with a key of its own that no service trusts: for tests of "unknown key"
	 * refusal.
	 */
	public static TestJwts untrusted() {
		return new TestJwts(generateKey());
	}

	/**
	 * A minter signing with a given private JWK, e.g. the one configured for a gateway
	 * under test.
	 */
	public static TestJwts withKey(ECKey key) {
		return new TestJwts(key);
	}

	public static ECKey generateKey() {
		try {
			return new ECKeyGenerator(Curve.P_256).keyID(UUID.randomUUID().toString()).generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Called by the test infrastructure with the name of the service a test context
	 * starts.
	 */
	static void serviceUnderTest(String service) {
		serviceUnderTest = service;
	}

	/** The audience a token gets unless a test says otherwise: the service under test. */
	public static String serviceUnderTest() {
		String service = serviceUnderTest;
		if (service == null) {
			throw new IllegalStateException("No service context has started yet: tokens are addressed to one");
		}
		return service;
	}

	/**
	 * An {@code Authorization} value proving {@code caller} ({@code "gateway"} or
	 * {@code "auth-service"}) to {@code callee}, minted as that caller would.
	 */
	public static String serviceCall(String caller, String callee) {
		ServiceKey key = switch (caller) {
			case "gateway" -> GATEWAY_SERVICE_KEY;
			case "auth-service" -> AUTH_SERVICE_KEY;
			default -> ServiceKey.generate(); // a service no one accepts calls from
		};
		return "Bearer " + new ServiceTokenMinter(caller, key, java.time.Clock.systemUTC()).tokenFor(callee);
	}

	public String jwksUri() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/.well-known/jwks.json";
	}

	public Builder forUser(String userId) {
		return new Builder(this, userId);
	}

	/**
	 * The gateway's token for a caller who has not signed in (sign-in paths): no
	 * {@code sub}, roles, methods or {@code auth_time}; give it the client's address with
	 * {@link Builder#clientIp(String)}.
	 */
	public Builder anonymous() {
		return new Builder(this, null);
	}

	/** Signs arbitrary claims with this minter's key, for tests of refused tokens. */
	public String sign(JWTClaimsSet claims) {
		try {
			SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(this.key.getKeyID()).build(),
					claims);
			jwt.sign(new ECDSASigner(this.key));
			return jwt.serialize();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static HttpServer serveJwks(String body) {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
			byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
			server.createContext("/.well-known/jwks.json", (exchange) -> {
				exchange.getResponseHeaders().add("Content-Type", "application/jwk-set+json");
				exchange.sendResponseHeaders(200, bytes.length);
				try (OutputStream out = exchange.getResponseBody()) {
					out.write(bytes);
				}
			});
			server.setExecutor(null);
			server.start();
			return server;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Claims of one internal token; {@link #token()} signs them. */
	public static final class Builder {

		private final TestJwts minter;

		private final String userId;

		private final List<String> roles = new ArrayList<>(List.of("USER"));

		private List<String> amr = List.of("pwd");

		private String sessionId;

		private String tokenId;

		private Duration lifetime = Duration.ofSeconds(60);

		private Instant issuedAt;

		private String audience;

		private String issuer = ISSUER;

		private Instant authTime;

		private String clientIp;

		private String[] replaces;

		private Builder(TestJwts minter, String userId) {
			this.minter = minter;
			this.userId = userId;
		}

		public Builder roles(String... roles) {
			this.roles.clear();
			this.roles.addAll(List.of(roles));
			return this;
		}

		public Builder session(String sessionId) {
			this.sessionId = sessionId;
			return this;
		}

		public Builder apiToken(String tokenId) {
			this.tokenId = tokenId;
			this.amr = List.of("token");
			return this;
		}

		public Builder amr(String... methods) {
			this.amr = List.of(methods);
			return this;
		}

		public Builder lifetime(Duration lifetime) {
			this.lifetime = lifetime;
			return this;
		}

		public Builder issuedAt(Instant issuedAt) {
			this.issuedAt = issuedAt;
			return this;
		}

		public Builder audience(String audience) {
			this.audience = audience;
			return this;
		}

		public Builder issuer(String issuer) {
			this.issuer = issuer;
			return this;
		}

		/**
		 * When the user last proved who they are; defaults to the token's issue time (a
		 * fresh sign-in).
		 */
		public Builder authTime(Instant authTime) {
			this.authTime = authTime;
			return this;
		}

		/** The client's address as the gateway established it ({@code cip}). */
		public Builder clientIp(String clientIp) {
			this.clientIp = clientIp;
			return this;
		}

		/**
		 * A sign-in from a browser that still holds this user's live session
		 * ({@code prev_sub}, {@code prev_sid}).
		 */
		public Builder replacing(String userId, String sessionId) {
			this.replaces = new String[] { userId, sessionId };
			return this;
		}

		public JWTClaimsSet claims() {
			Instant now = this.issuedAt == null ? Instant.now() : this.issuedAt;
			JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(this.issuer)
				.audience(this.audience == null ? serviceUnderTest() : this.audience)
				.issueTime(Date.from(now))
				.expirationTime(Date.from(now.plus(this.lifetime)))
				.jwtID(UUID.randomUUID().toString());
			if (this.userId != null) {
				claims.subject(this.userId)
					.claim("roles", List.copyOf(this.roles))
					.claim("amr", this.amr)
					.claim("auth_time", (this.authTime == null ? now : this.authTime).getEpochSecond());
			}
			if (this.clientIp != null) {
				claims.claim("cip", this.clientIp);
			}
			if (this.replaces != null) {
				claims.claim("prev_sub", this.replaces[0]).claim("prev_sid", this.replaces[1]);
			}
			if (this.sessionId != null) {
				claims.claim("sid", this.sessionId);
			}
			if (this.tokenId != null) {
				claims.claim("tid", this.tokenId);
			}
			return claims.build();
		}

		public String token() {
			return this.minter.sign(claims());
		}

		/** The value of an {@code Authorization} header carrying the token. */
		public String bearer() {
			return "Bearer " + token();
		}

	}

}
