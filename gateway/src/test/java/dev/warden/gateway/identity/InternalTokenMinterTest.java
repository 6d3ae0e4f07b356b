package dev.warden.gateway.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;

class InternalTokenMinterTest {

	@Test
	void rotatesWithoutDowntimeTokensOfTheOldKeyStillVerifyWhileTheNewKeySigns() throws Exception {
		ECKey oldKey = new com.nimbusds.jose.jwk.gen.ECKeyGenerator(com.nimbusds.jose.jwk.Curve.P_256).keyID("old")
			.generate();
		ECKey newKey = new com.nimbusds.jose.jwk.gen.ECKeyGenerator(com.nimbusds.jose.jwk.Curve.P_256).keyID("new")
			.generate();
		InternalTokenProperties before = new InternalTokenProperties(
				new InternalTokenProperties.Signing(oldKey.toJSONString(), ""), Duration.ofSeconds(30),
				"warden-gateway");
		InternalTokenProperties after = new InternalTokenProperties(
				new InternalTokenProperties.Signing(newKey.toJSONString(), new JWKSet(oldKey.toPublicJWK()).toString()),
				Duration.ofSeconds(30), "warden-gateway");
		SigningKeys rotated = SigningKeys.from(after);
		CallerIdentity caller = new CallerIdentity("user-1", List.of("USER"), "sess-1", null, List.of("pwd"), null,
				null, null);

		SignedJWT inFlight = SignedJWT
			.parse(new InternalTokenMinter(SigningKeys.from(before), before, Clock.systemUTC()).mint(caller,
					"auth-service"));
		SignedJWT fresh = SignedJWT
			.parse(new InternalTokenMinter(rotated, after, Clock.systemUTC()).mint(caller, "auth-service"));

		JWKSet published = JWKSet.parse(rotated.publicJwkSetJson());
		assertThat(fresh.getHeader().getKeyID()).isEqualTo("new");
		assertThat(inFlight.verify(new ECDSAVerifier((ECKey) published.getKeyByKeyId("old")))).isTrue();
		assertThat(fresh.verify(new ECDSAVerifier((ECKey) published.getKeyByKeyId("new")))).isTrue();
		assertThat(rotated.publicJwkSetJson()).doesNotContain("\"d\"");
	}

	@Test
	void reusesACallersTokenForAThirdOfItsLifeThenMintsANewOne() {
		InternalTokenProperties properties = new InternalTokenProperties(new InternalTokenProperties.Signing("", ""),
				Duration.ofSeconds(30), "warden-gateway");
		dev.warden.infra.test.MutableClock clock = new dev.warden.infra.test.MutableClock(
				java.time.Instant.parse("2026-11-27T06:00:00Z"));
		InternalTokenMinter minter = new InternalTokenMinter(SigningKeys.from(properties), properties, clock);
		CallerIdentity alice = new CallerIdentity("alice", List.of("USER"), "sess-a", null, List.of("pwd"), null, null,
				null);
		CallerIdentity bob = new CallerIdentity("bob", List.of("USER"), "sess-b", null, List.of("pwd"), null, null,
				null);

		String first = minter.mint(alice, "auth-service");
		clock.advance(Duration.ofSeconds(9));
		String again = minter.mint(alice, "auth-service");
		String other = minter.mint(bob, "auth-service");
		clock.advance(Duration.ofSeconds(2));
		String later = minter.mint(alice, "auth-service");

		String forAudit = minter.mint(alice, "audit-service");

		assertThat(again).isEqualTo(first);
		assertThat(other).isNotEqualTo(first);
		assertThat(forAudit).as("each service gets a token addressed to it alone").isNotEqualTo(first);
		assertThat(audience(first)).containsExactly("auth-service");
		assertThat(audience(forAudit)).containsExactly("audit-service");
		assertThat(later).as("after 10 s a new token, with at least 20 s to live").isNotEqualTo(first);
	}

	@Test
	void concurrentCallersEachGetAValidTokenOfTheirOwn() throws Exception {
		InternalTokenProperties properties = new InternalTokenProperties(new InternalTokenProperties.Signing("", ""),
				Duration.ofSeconds(30), "warden-gateway");
		SigningKeys keys = SigningKeys.from(properties);
		InternalTokenMinter minter = new InternalTokenMinter(keys, properties, Clock.systemUTC());
		ECDSAVerifier verifier = new ECDSAVerifier((ECKey) JWKSet.parse(keys.publicJwkSetJson()).getKeys().get(0));
		java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(8);
		try {
			List<java.util.concurrent.Future<Boolean>> results = new java.util.ArrayList<>();
			for (int i = 0; i < 2_000; i++) {
				String user = "user-" + (i % 25);
				results.add(threads.submit(() -> {
					SignedJWT jwt = SignedJWT.parse(minter.mint(new CallerIdentity(user, List.of("USER"),
							"sess-" + user, null, List.of("pwd"), null, null, null), "auth-service"));
					return jwt.verify(verifier) && user.equals(jwt.getJWTClaimsSet().getSubject());
				}));
			}
			for (java.util.concurrent.Future<Boolean> result : results) {
				assertThat(result.get(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
			}
		}
		finally {
			threads.shutdownNow();
		}
	}

	@Test
	void mintsShortLivedEs256TokenVerifiableWithThePublishedKeySet() throws Exception {
		InternalTokenProperties properties = new InternalTokenProperties(new InternalTokenProperties.Signing("", ""),
				Duration.ofSeconds(30), "warden-gateway");
		SigningKeys keys = SigningKeys.from(properties);
		InternalTokenMinter minter = new InternalTokenMinter(keys, properties, Clock.systemUTC());

		java.time.Instant signedIn = java.time.Instant.parse("2026-11-26T10:00:00Z");
		SignedJWT jwt = SignedJWT.parse(minter.mint(new CallerIdentity("user-1", List.of("USER"), "sess-1", null,
				List.of("pwd", "otp"), signedIn, "203.0.113.5", null), "auth-service"));

		ECKey published = (ECKey) JWKSet.parse(keys.publicJwkSetJson()).getKeyByKeyId(jwt.getHeader().getKeyID());
		assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
		assertThat(jwt.verify(new ECDSAVerifier(published))).isTrue();
		var claims = jwt.getJWTClaimsSet();
		assertThat(claims.getSubject()).isEqualTo("user-1");
		assertThat(claims.getIssuer()).isEqualTo("warden-gateway");
		assertThat(claims.getAudience()).containsExactly("auth-service");
		assertThat(claims.getStringListClaim("roles")).containsExactly("USER");
		assertThat(claims.getStringListClaim("amr")).containsExactly("pwd", "otp");
		assertThat(claims.getStringClaim("sid")).isEqualTo("sess-1");
		assertThat(claims.getClaim("tid")).isNull();
		assertThat(claims.getLongClaim("auth_time")).isEqualTo(signedIn.getEpochSecond());
		assertThat(claims.getStringClaim("cip")).isEqualTo("203.0.113.5");
		assertThat(Duration.between(claims.getIssueTime().toInstant(), claims.getExpirationTime().toInstant()))
			.isEqualTo(Duration.ofSeconds(30));
	}

	@Test
	void anAnonymousCallersTokenNamesNoUserAndCarriesOnlyTheClientAddress() throws Exception {
		InternalTokenProperties properties = new InternalTokenProperties(new InternalTokenProperties.Signing("", ""),
				Duration.ofSeconds(30), "warden-gateway");
		InternalTokenMinter minter = new InternalTokenMinter(SigningKeys.from(properties), properties,
				Clock.systemUTC());

		var claims = SignedJWT.parse(minter.mint(CallerIdentity.anonymous("2001:db8::7"), "auth-service"))
			.getJWTClaimsSet();
		String other = minter.mint(CallerIdentity.anonymous("198.51.100.1"), "auth-service");

		assertThat(claims.getSubject()).isNull();
		assertThat(claims.getClaim("roles")).isNull();
		assertThat(claims.getClaim("amr")).isNull();
		assertThat(claims.getClaim("sid")).isNull();
		assertThat(claims.getStringClaim("cip")).isEqualTo("2001:db8::7");
		assertThat(SignedJWT.parse(other).getJWTClaimsSet().getStringClaim("cip")).isEqualTo("198.51.100.1");
	}

	@Test
	void signsWithTheConfiguredKeySoEveryReplicaAgrees() {
		ECKey configured = SigningKeys.generate();
		InternalTokenProperties properties = new InternalTokenProperties(
				new InternalTokenProperties.Signing(configured.toJSONString(), ""), Duration.ofSeconds(30),
				"warden-gateway");

		assertThat(SigningKeys.from(properties).signingKey().getKeyID()).isEqualTo(configured.getKeyID());
	}

	@Test
	void keepsPublishingPreviousKeysDuringRotation() throws Exception {
		ECKey old = SigningKeys.generate();
		InternalTokenProperties properties = new InternalTokenProperties(
				new InternalTokenProperties.Signing("", new JWKSet(old.toPublicJWK()).toString()),
				Duration.ofSeconds(30), "warden-gateway");

		JWKSet published = JWKSet.parse(SigningKeys.from(properties).publicJwkSetJson());

		assertThat(published.getKeys()).hasSize(2);
		assertThat(published.getKeyByKeyId(old.getKeyID())).isNotNull();
	}

	@Test
	void refusesPublicOrMalformedSigningKeyWithoutEchoingIt() {
		ECKey key = SigningKeys.generate();
		String publicOnly = key.toPublicJWK().toJSONString();

		assertThatThrownBy(
				() -> SigningKeys.from(new InternalTokenProperties(new InternalTokenProperties.Signing(publicOnly, ""),
						Duration.ofSeconds(30), "i")))
			.hasMessageContaining("private P-256");
		assertThatThrownBy(() -> SigningKeys.from(new InternalTokenProperties(
				new InternalTokenProperties.Signing("{\"d\":\"secret-material\"", ""), Duration.ofSeconds(30), "i")))
			.hasMessageNotContaining("secret-material");
	}

	@Test
	void refusesLifetimeOverSixtySeconds() {
		assertThatThrownBy(() -> new InternalTokenProperties(new InternalTokenProperties.Signing("", ""),
				Duration.ofSeconds(61), "i"))
			.isInstanceOf(IllegalArgumentException.class);
	}

	private static List<String> audience(String token) {
		try {
			return SignedJWT.parse(token).getJWTClaimsSet().getAudience();
		}
		catch (java.text.ParseException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
