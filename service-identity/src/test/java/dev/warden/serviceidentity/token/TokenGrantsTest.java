package dev.warden.serviceidentity.token;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import dev.warden.serviceidentity.GrantException;
import dev.warden.serviceidentity.ServiceKey;
import dev.warden.serviceidentity.session.SessionGrant;
import dev.warden.serviceidentity.session.SessionGrantSigner;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokenGrantsTest {

	private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");

	private final ServiceKey gatewayKey = ServiceKey.generate();

	private final TokenGrants gateway = new TokenGrants(this.gatewayKey, "", at(NOW));

	@Test
	void aGrantTheGatewaySignedNamesTheOwnerTheRoleAndTheEndOfTheValidityChosen() throws Exception {
		String grant = this.gateway.sign("user-1", "USER", 3, "hash-of-the-token");

		TokenGrant verified = this.gateway.verify(grant, "hash-of-the-token");

		assertThat(verified.userId()).isEqualTo("user-1");
		assertThat(verified.role()).isEqualTo("USER");
		// Calendar months, as token-service counts them: 28 November + 3 months is 28
		// February.
		assertThat(verified.expiresAt()).isEqualTo(Instant.parse("2027-03-01T12:00:00Z"));
	}

	@Test
	void anotherTokensGrantIsRefused() {
		String grant = this.gateway.sign("admin", "ADMIN", 12, "hash-of-the-admins-token");
		assertThatThrownBy(() -> this.gateway.verify(grant, "hash-of-the-attackers-token"))
			.isInstanceOf(GrantException.class);
	}

	@Test
	void aGrantOfAnotherKeyOrAnotherKindIsRefused() {
		String otherKey = new TokenGrants(ServiceKey.generate(), "", at(NOW)).sign("u", "ADMIN", 12, "h");
		// A session grant signed with the very same key is still no token grant.
		String sessionGrant = new SessionGrantSigner(this.gatewayKey, at(NOW)).sign(new SessionGrant("u", "s",
				List.of("ADMIN"), List.of("pwd"), NOW, false, false, "h", NOW.plusSeconds(3600)));
		assertThatThrownBy(() -> this.gateway.verify(otherKey, "h")).isInstanceOf(GrantException.class);
		assertThatThrownBy(() -> this.gateway.verify(sessionGrant, "h")).isInstanceOf(GrantException.class);
		assertThatThrownBy(() -> this.gateway.verify(null, "h")).isInstanceOf(GrantException.class);
	}

	@Test
	void grantsOfAnEarlierKeyStayValidAfterARotationWhileItIsListed() throws Exception {
		ServiceKey earlier = ServiceKey.generate();
		String before = new TokenGrants(earlier, "", at(NOW)).sign("user-1", "USER", 12, "h");

		TokenGrants rotated = new TokenGrants(this.gatewayKey, "{\"keys\":[" + earlier.publicJson() + "]}", at(NOW));
		TokenGrants forgotten = new TokenGrants(this.gatewayKey, "", at(NOW));

		assertThat(rotated.verify(before, "h").userId()).isEqualTo("user-1");
		assertThatThrownBy(() -> forgotten.verify(before, "h")).isInstanceOf(GrantException.class);
	}

	@Test
	void aGrantPastItsEndIsRefused() {
		String grant = this.gateway.sign("user-1", "USER", 1, "h");
		TokenGrants later = new TokenGrants(this.gatewayKey, "", at(Instant.parse("2026-12-29T12:01:00Z")));
		assertThatThrownBy(() -> later.verify(grant, "h")).isInstanceOf(GrantException.class);
	}

	@Test
	void aKeyListedTwiceUnderOneIdIsRefusedAtStart() {
		org.assertj.core.api.Assertions.assertThatThrownBy(
				() -> new TokenGrants(this.gatewayKey, "{\"keys\":[" + this.gatewayKey.publicJson() + "]}", at(NOW)))
			.hasMessageContaining("two keys");
	}

	@Test
	void anOverlongGrantIsRefusedBeforeItIsRead() {
		assertThatThrownBy(() -> this.gateway.verify("a".repeat(5000) + ".b.c", "h")).hasMessageContaining("too long");
	}

	private static Clock at(Instant instant) {
		return Clock.fixed(instant, ZoneOffset.UTC);
	}

}
