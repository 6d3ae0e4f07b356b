package dev.warden.serviceidentity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.Map;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServiceTokenVerifierTest {

	private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");

	private final ServiceKey gatewayKey = ServiceKey.generate();

	private final ServiceKey authKey = ServiceKey.generate();

	private final CallerKeys callers = CallerKeys
		.parse(Map.of("gateway", this.gatewayKey.publicJson(), "auth-service", this.authKey.publicJson()));

	private final ServiceTokenVerifier sessionService = new ServiceTokenVerifier("session-service", this.callers,
			at(NOW));

	@Test
	void aTokenMintedForThisServiceNamesItsCaller() throws Exception {
		String token = new ServiceTokenMinter("gateway", this.gatewayKey, at(NOW)).tokenFor("session-service");
		assertThat(this.sessionService.verify(token)).isEqualTo("gateway");
		assertThat(this.sessionService.verify(token)).as("remembered").isEqualTo("gateway");
	}

	@Test
	void aTokenMintedForAnotherServiceIsRefused() {
		String token = new ServiceTokenMinter("gateway", this.gatewayKey, at(NOW)).tokenFor("token-service");
		assertThatThrownBy(() -> this.sessionService.verify(token)).isInstanceOf(ServiceTokenException.class);
	}

	@Test
	void oneCallersKeyCannotSpeakForAnother() {
		String claimsGateway = new ServiceTokenMinter("gateway", this.authKey, at(NOW)).tokenFor("session-service");
		assertThatThrownBy(() -> this.sessionService.verify(claimsGateway)).isInstanceOf(ServiceTokenException.class);
	}

	@Test
	void aServiceWithoutAConfiguredKeyIsNoCaller() {
		ServiceKey notification = ServiceKey.generate();
		String token = new ServiceTokenMinter("notification-service", notification, at(NOW))
			.tokenFor("session-service");
		assertThatThrownBy(() -> this.sessionService.verify(token)).isInstanceOf(ServiceTokenException.class);
	}

	@Test
	void anExpiredTokenIsRefusedAfterTheClockSkew() throws Exception {
		String token = new ServiceTokenMinter("gateway", this.gatewayKey, at(NOW)).tokenFor("session-service");
		ServiceTokenVerifier later = new ServiceTokenVerifier("session-service", this.callers, at(NOW.plusSeconds(64)));
		assertThat(later.verify(token)).isEqualTo("gateway");
		ServiceTokenVerifier tooLate = new ServiceTokenVerifier("session-service", this.callers,
				at(NOW.plusSeconds(66)));
		assertThatThrownBy(() -> tooLate.verify(token)).isInstanceOf(ServiceTokenException.class);
	}

	@Test
	void aTokenWithALongerLifetimeIsRefused() throws Exception {
		JWTClaimsSet claims = claims("gateway", "session-service", NOW, NOW.plus(Duration.ofMinutes(10)));
		assertThatThrownBy(() -> this.sessionService.verify(sign(this.gatewayKey, ServiceTokens.TYPE, claims)))
			.isInstanceOf(ServiceTokenException.class);
		JWTClaimsSet minute = claims("gateway", "session-service", NOW, NOW.plusSeconds(60));
		assertThat(this.sessionService.verify(sign(this.gatewayKey, ServiceTokens.TYPE, minute))).isEqualTo("gateway");
	}

	@Test
	void aTokenOfAnotherTypeIsRefusedEvenWithTheRightKey() throws Exception {
		JWTClaimsSet claims = claims("gateway", "session-service", NOW, NOW.plusSeconds(30));
		assertThatThrownBy(() -> this.sessionService.verify(sign(this.gatewayKey, JOSEObjectType.JWT, claims)))
			.isInstanceOf(ServiceTokenException.class);
	}

	@Test
	void aTokenForSeveralServicesIsRefused() throws Exception {
		JWTClaimsSet claims = new JWTClaimsSet.Builder(claims("gateway", "session-service", NOW, NOW.plusSeconds(30)))
			.audience(java.util.List.of("session-service", "token-service"))
			.build();
		assertThatThrownBy(() -> this.sessionService.verify(sign(this.gatewayKey, ServiceTokens.TYPE, claims)))
			.isInstanceOf(ServiceTokenException.class);
	}

	@Test
	void unsignedAndHmacTokensAreRefused() throws Exception {
		JWTClaimsSet claims = claims("gateway", "session-service", NOW, NOW.plusSeconds(30));
		String unsigned = new PlainJWT(claims).serialize();
		assertThatThrownBy(() -> this.sessionService.verify(unsigned)).isInstanceOf(ServiceTokenException.class);
		SignedJWT hmac = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(ServiceTokens.TYPE).build(),
				claims);
		hmac.sign(new MACSigner(this.gatewayKey.publicJson().repeat(2).getBytes()));
		assertThatThrownBy(() -> this.sessionService.verify(hmac.serialize()))
			.isInstanceOf(ServiceTokenException.class);
		assertThatThrownBy(() -> this.sessionService.verify("not-a-token")).isInstanceOf(ServiceTokenException.class);
		assertThatThrownBy(() -> this.sessionService.verify(null)).isInstanceOf(ServiceTokenException.class);
	}

	@Test
	void theMinterReusesATokenForAThirdOfItsLife() {
		MutableClock clock = new MutableClock(NOW);
		ServiceTokenMinter minter = new ServiceTokenMinter("gateway", this.gatewayKey, clock);
		String first = minter.tokenFor("session-service");
		clock.now = NOW.plusSeconds(19);
		assertThat(minter.tokenFor("session-service")).isEqualTo(first);
		assertThat(minter.tokenFor("token-service")).isNotEqualTo(first);
		clock.now = NOW.plusSeconds(21);
		assertThat(minter.tokenFor("session-service")).isNotEqualTo(first);
	}

	@Test
	void configuredKeysAreCheckedWithoutEchoingThem() {
		assertThatThrownBy(() -> CallerKeys.parse(Map.of("gateway", "{\"kty\":\"EC\",\"secret-ish\":\"abc\"")))
			.hasMessageContaining("gateway")
			.hasMessageNotContaining("secret-ish");
		assertThatThrownBy(() -> ServiceKey.parse("WARDEN_SERVICE_KEY", this.gatewayKey.publicJson()))
			.hasMessageContaining("private");
		assertThatThrownBy(() -> ServiceKey.parse("WARDEN_SERVICE_KEY", "")).hasMessageContaining("not set");
		CallerKeys rotating = CallerKeys.parse(Map.of("gateway",
				"{\"keys\":[" + ServiceKey.generate().publicJson() + "," + this.gatewayKey.publicJson() + "]}"));
		assertThat(rotating.callers()).containsExactly("gateway");
		assertThatThrownBy(() -> CallerKeys
			.parse(Map.of("gateway", this.gatewayKey.publicJson(), "auth-service", this.gatewayKey.publicJson())))
			.hasMessageContaining("same key");
	}

	private static JWTClaimsSet claims(String caller, String audience, Instant issued, Instant expires) {
		return new JWTClaimsSet.Builder().issuer(caller)
			.subject(caller)
			.audience(audience)
			.issueTime(Date.from(issued))
			.expirationTime(Date.from(expires))
			.jwtID("t")
			.build();
	}

	private static String sign(ServiceKey key, JOSEObjectType type, JWTClaimsSet claims) throws Exception {
		SignedJWT jwt = new SignedJWT(
				new JWSHeader.Builder(JWSAlgorithm.ES256).type(type).keyID(key.privateKey().getKeyID()).build(),
				claims);
		jwt.sign(new ECDSASigner(key.privateKey()));
		return jwt.serialize();
	}

	private static Clock at(Instant instant) {
		return Clock.fixed(instant, ZoneOffset.UTC);
	}

	private static final class MutableClock extends Clock {

		Instant now;

		MutableClock(Instant now) {
			this.now = now;
		}

		@Override
		public java.time.ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
