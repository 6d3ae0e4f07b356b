package dev.warden.serviceidentity.session;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.warden.serviceidentity.GrantException;
import dev.warden.serviceidentity.ServiceKey;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SessionGrantVerifierTest {

	private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");

	private final ServiceKey authService = ServiceKey.generate();

	private final SessionGrantVerifier gateway = new SessionGrantVerifier("WARDEN_INTERNAL_AUTHSERVICEKEY",
			this.authService.publicJson(), at(NOW));

	private final String secret = SessionSecrets.newSecret();

	private final SessionGrant grant = new SessionGrant("user-1", "sid-1", List.of("USER", "ADMIN"),
			List.of("pwd", "otp"), NOW.minusSeconds(30), false, true, SessionSecrets.hash(this.secret),
			NOW.plus(Duration.ofHours(12)));

	@Test
	void aGrantSignedByAuthServiceForThisCookieIsTheSession() throws Exception {
		String signed = new SessionGrantSigner(this.authService, at(NOW)).sign(this.grant);
		assertThat(this.gateway.verify(signed, SessionSecrets.hash(this.secret))).isEqualTo(new SessionGrant("user-1",
				"sid-1", List.of("USER", "ADMIN"), List.of("pwd", "otp"), NOW.minusSeconds(30), false, true,
				SessionSecrets.hash(this.secret), NOW.plus(Duration.ofHours(12))));
	}

	@Test
	void aGrantForAnotherCookieIsRefused() {
		String signed = new SessionGrantSigner(this.authService, at(NOW)).sign(this.grant);
		assertThatThrownBy(() -> this.gateway.verify(signed, SessionSecrets.hash(SessionSecrets.newSecret())))
			.isInstanceOf(GrantException.class)
			.hasMessageContaining("another credential");
	}

	@Test
	void aGrantSignedWithAnotherKeyIsRefused() {
		String forged = new SessionGrantSigner(ServiceKey.generate(), at(NOW)).sign(this.grant);
		assertThatThrownBy(() -> this.gateway.verify(forged, this.grant.secretHash()))
			.isInstanceOf(GrantException.class);
	}

	@Test
	void aGrantWithTheRightKeyIdButAnotherKeysSignatureIsRefused() throws Exception {
		String forged = sign(ServiceKey.generate(), SessionGrants.TYPE, this.authService.keyId(), claims().build());
		assertThatThrownBy(() -> this.gateway.verify(forged, this.grant.secretHash()))
			.isInstanceOf(GrantException.class)
			.hasMessageContaining("signature");
	}

	@Test
	void aSessionPastItsEndHasNoGrant() {
		String signed = new SessionGrantSigner(this.authService, at(NOW)).sign(this.grant);
		SessionGrantVerifier later = new SessionGrantVerifier("key", this.authService.publicJson(),
				at(NOW.plus(Duration.ofHours(12)).plusSeconds(6)));
		assertThatThrownBy(() -> later.verify(signed, this.grant.secretHash())).isInstanceOf(GrantException.class)
			.hasMessageContaining("over");
	}

	@Test
	void anotherTokenTypeSignedWithTheSameKeyIsNoGrant() throws Exception {
		String serviceToken = sign(this.authService, new JOSEObjectType("warden-service+jwt"), this.authService.keyId(),
				claims().build());
		String untyped = sign(this.authService, JOSEObjectType.JWT, this.authService.keyId(), claims().build());
		assertThatThrownBy(() -> this.gateway.verify(serviceToken, this.grant.secretHash()))
			.isInstanceOf(GrantException.class);
		assertThatThrownBy(() -> this.gateway.verify(untyped, this.grant.secretHash()))
			.isInstanceOf(GrantException.class);
	}

	@Test
	void aGrantForAnotherAudienceOrIssuerIsRefused() throws Exception {
		String otherAudience = sign(this.authService, SessionGrants.TYPE, this.authService.keyId(),
				claims().audience("token-service").build());
		String otherIssuer = sign(this.authService, SessionGrants.TYPE, this.authService.keyId(),
				claims().issuer("session-service").build());
		assertThatThrownBy(() -> this.gateway.verify(otherAudience, this.grant.secretHash()))
			.isInstanceOf(GrantException.class);
		assertThatThrownBy(() -> this.gateway.verify(otherIssuer, this.grant.secretHash()))
			.isInstanceOf(GrantException.class);
	}

	@Test
	void nothingOrJunkIsNoGrant() {
		assertThatThrownBy(() -> this.gateway.verify(null, this.grant.secretHash())).isInstanceOf(GrantException.class);
		assertThatThrownBy(() -> this.gateway.verify("junk", this.grant.secretHash()))
			.isInstanceOf(GrantException.class);
		assertThatThrownBy(
				() -> this.gateway.verify(new SessionGrantSigner(this.authService, at(NOW)).sign(this.grant), null))
			.isInstanceOf(GrantException.class);
	}

	@Test
	void whileAuthServicesKeyIsRotatedGrantsOfBothKeysAreAccepted() throws Exception {
		ServiceKey next = ServiceKey.generate();
		SessionGrantVerifier rotating = new SessionGrantVerifier("key",
				"{\"keys\":[" + this.authService.publicJson() + "," + next.publicJson() + "]}", at(NOW));
		assertThat(rotating.verify(new SessionGrantSigner(this.authService, at(NOW)).sign(this.grant),
				this.grant.secretHash()))
			.isEqualTo(this.grant);
		assertThat(rotating.verify(new SessionGrantSigner(next, at(NOW)).sign(this.grant), this.grant.secretHash()))
			.isEqualTo(this.grant);
	}

	@Test
	void aPrivateOrMissingKeyIsRefusedAtStart() {
		assertThatThrownBy(() -> new SessionGrantVerifier("WARDEN_INTERNAL_AUTHSERVICEKEY", "", at(NOW)))
			.hasMessageContaining("WARDEN_INTERNAL_AUTHSERVICEKEY");
		assertThatThrownBy(() -> new SessionGrantVerifier("WARDEN_INTERNAL_AUTHSERVICEKEY",
				this.authService.privateJson(), at(NOW)))
			.hasMessageContaining("public")
			.hasMessageNotContaining("\"d\"");
	}

	@Test
	void secretsAreWellFormedAndHashedToTheSameShape() {
		String secret = SessionSecrets.newSecret();
		assertThat(SessionSecrets.isWellFormed(secret)).isTrue();
		assertThat(SessionSecrets.isWellFormed(SessionSecrets.hash(secret))).isTrue();
		assertThat(SessionSecrets.hash(secret)).isNotEqualTo(secret);
		assertThat(SessionSecrets.isWellFormed(secret + "x")).isFalse();
		assertThat(SessionSecrets.isWellFormed(secret.substring(1) + "+")).isFalse();
		// The empty string's SHA-256 in base64url, as RFC 4648 and FIPS 180-4 give it.
		assertThat(SessionSecrets.hash("")).isEqualTo("47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU");
	}

	private JWTClaimsSet.Builder claims() {
		return new JWTClaimsSet.Builder().issuer(SessionGrants.ISSUER)
			.audience(SessionGrants.AUDIENCE)
			.subject("user-1")
			.issueTime(Date.from(NOW))
			.expirationTime(Date.from(NOW.plusSeconds(3600)))
			.claim("sid", "sid-1")
			.claim("roles", List.of("ADMIN"))
			.claim("amr", List.of("pwd"))
			.claim("auth_time", NOW.getEpochSecond())
			.claim("sh", this.grant.secretHash());
	}

	private static String sign(ServiceKey key, JOSEObjectType type, String keyId, JWTClaimsSet claims)
			throws Exception {
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).type(type).keyID(keyId).build(),
				claims);
		jwt.sign(key.signer());
		return jwt.serialize();
	}

	private static Clock at(Instant instant) {
		return Clock.fixed(instant, ZoneOffset.UTC);
	}

}
