package dev.warden.token.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import tools.jackson.databind.json.JsonMapper;
import dev.warden.event.auth.UserCreated;
import dev.warden.event.auth.AccountUnlocked;
import dev.warden.event.auth.AccountDisabled;
import dev.warden.event.auth.AccountEnabled;
import dev.warden.event.auth.AccountLocked;
import dev.warden.event.auth.RolesChanged;
import dev.warden.event.EventSources;
import dev.warden.event.EventPayload;
import dev.warden.event.CloudEvent;
import dev.warden.event.EventTypes;
import dev.warden.event.Topics;
import dev.warden.infra.test.KafkaRecords;
import dev.warden.token.TokenIntegrationTest;
import dev.warden.token.expiry.TokenExpiryNotices;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

/**
 * Tokens follow their owner (a lock, a lost role), and expiry notices go out once with
 * replicas racing.
 */
class TokenOwnerAndExpiryIT extends TokenIntegrationTest {

	@Autowired
	TokenExpiryNotices notices;

	@Test
	void aLockedOwnersTokensStopWorkingUntilUnlockedAndGatewaysAreToldBothTimes() {
		String user = newUserId();
		String token = create(session(user, "USER"), "locked", 1, "USER").get("token").asString();

		KafkaRecords.send(Topics.AUTH_EVENTS, user,
				authEvent(user, new AccountLocked("o@example.test", "O", null, "203.0.113.7", null, 20, true, null)));
		awaitReason(token, "owner_locked");
		JsonNode suspended = this.events.await(user, EventTypes.TOKENS_SUSPENDED);
		assertThat(suspended.get("data").get("suspended").asBoolean()).isTrue();

		KafkaRecords.send(Topics.AUTH_EVENTS, user,
				authEvent(user, new AccountUnlocked("o@example.test", "O", null, "admin-1")));
		Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> introspect(token).get("active").asBoolean());
		Awaitility.await()
			.atMost(Duration.ofSeconds(30))
			.until(() -> this.events.find(user, EventTypes.TOKENS_SUSPENDED), (found) -> found.size() == 2);
	}

	@Test
	void aDisabledOwnersTokensStopUntilEnabledAndAnUnlockMeanwhileDoesNotStartThem() {
		String user = newUserId();
		String token = create(session(user, "USER"), "disabled", 1, "USER").get("token").asString();

		KafkaRecords.send(Topics.AUTH_EVENTS, user,
				authEvent(user, new AccountDisabled("o@example.test", "O", null, "admin-1", "Admin")));
		awaitReason(token, "owner_disabled");
		assertThat(this.events.await(user, EventTypes.TOKENS_SUSPENDED).get("data").get("suspended").asBoolean())
			.isTrue();

		// Unlocked while disabled: still suspended, and gateways are told so.
		KafkaRecords.send(Topics.AUTH_EVENTS, user,
				authEvent(user, new AccountUnlocked("o@example.test", "O", null, "admin-1")));
		List<JsonNode> announced = Awaitility.await()
			.atMost(Duration.ofSeconds(30))
			.until(() -> this.events.find(user, EventTypes.TOKENS_SUSPENDED), (found) -> found.size() == 2);
		assertThat(announced.get(1).get("data").get("suspended").asBoolean()).isTrue();
		assertThat(introspect(token).get("active").asBoolean()).isFalse();

		KafkaRecords.send(Topics.AUTH_EVENTS, user,
				authEvent(user, new AccountEnabled("o@example.test", "O", null, "admin-1", "Admin")));
		Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> introspect(token).get("active").asBoolean());
	}

	@Test
	void anAdministratorsTokenIsRevokedWhenAnAdministratorTakesTheRoleAwayAndStaysSoAfterAPromotion() {
		String user = newUserId();
		String admin = create(session(user, "USER", "ADMIN"), "admin tool", 1, "ADMIN").get("token").asString();
		String plain = create(session(user, "USER", "ADMIN"), "reader", 1, "USER").get("token").asString();

		KafkaRecords.send(Topics.AUTH_EVENTS, user,
				authEvent(user, new RolesChanged("o@example.test", "O", null, List.of("USER"), "admin-1", "Admin")));
		awaitReason(admin, "revoked");
		JsonNode revoked = this.events.await(user, EventTypes.TOKEN_REVOKED);
		assertThat(revoked.path("data").path("reason").asString()).isEqualTo("role-removed");
		assertThat(revoked.path("data").path("actorId").asString()).isEqualTo("admin-1");
		KafkaRecords.send(Topics.AUTH_EVENTS, user, authEvent(user,
				new RolesChanged("o@example.test", "O", null, List.of("USER", "ADMIN"), "admin-1", "Admin")));

		// Promoted again: a new ADMIN token works once token-service knows; the old one
		// stays revoked.
		String fresh = create(session(user, "USER", "ADMIN"), "new admin tool", 1, "ADMIN").get("token").asString();
		Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> introspect(fresh).get("active").asBoolean());
		assertThat(introspect(admin).get("active").asBoolean()).as("revoked for good").isFalse();
		assertThat(introspect(plain).get("active").asBoolean()).as("a role still held").isTrue();
		assertThat(this.events.find(user, EventTypes.TOKEN_REVOKED)).hasSize(1);
	}

	@Test
	void aTokenStopsWorkingWhenItsOwnerNoLongerHoldsItsRole() {
		String user = newUserId();
		String token = create(session(user, "USER", "ADMIN"), "admin tool", 1, "ADMIN").get("token").asString();
		String event = authEvent(user, new UserCreated(user, "o@example.test", "O", List.of("USER"), "admin-1", null));

		KafkaRecords.send(Topics.AUTH_EVENTS, user, event);
		KafkaRecords.send(Topics.AUTH_EVENTS, user, event); // redelivered: applied once,
															// same outcome

		awaitReason(token, "role_revoked");
	}

	@Test
	void warnsSevenDaysAndOneDayBeforeExpiryThenReportsItOnceWithTwoReplicasRacing() {
		String user = newUserId();
		JsonNode created = create(session(user, "USER"), "expiring", 1, "USER");
		Instant expiresAt = Instant.parse(created.get("expiresAt").asString());

		this.clock.set(expiresAt.minus(Duration.ofDays(6)));
		race();
		this.clock.set(expiresAt.minus(Duration.ofHours(12)));
		race();
		this.clock.set(expiresAt.plusSeconds(1));
		race();
		race();

		List<JsonNode> warnings = this.events.awaitCount(user, EventTypes.TOKEN_EXPIRING_SOON, 2);
		this.events.await(user, EventTypes.TOKEN_EXPIRED);
		KafkaRecords.readFor(Topics.TOKEN_EVENTS, Duration.ofSeconds(2));
		assertThat(this.events.find(user, EventTypes.TOKEN_EXPIRING_SOON)).hasSize(2);
		assertThat(warnings.stream().map((event) -> event.get("data").get("daysLeft").asInt())).containsExactly(7, 1);
		assertThat(this.events.find(user, EventTypes.TOKEN_EXPIRED)).hasSize(1);
	}

	/** Two replicas running the job at the same moment. */
	private void race() {
		CompletableFuture<Integer> one = CompletableFuture.supplyAsync(this.notices::sendDueNotices);
		CompletableFuture<Integer> two = CompletableFuture.supplyAsync(this.notices::sendDueNotices);
		CompletableFuture.allOf(one, two).join();
	}

	private void awaitReason(String token, String reason) {
		Awaitility.await()
			.atMost(Duration.ofSeconds(30))
			.until(() -> reason.equals(introspect(token).path("reason").asString("")));
	}

	private static String authEvent(String user, EventPayload payload) {
		return JsonMapper.builder().build().writeValueAsString(CloudEvent.of(EventSources.AUTH_SERVICE, user, payload));
	}

}
