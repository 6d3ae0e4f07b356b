package dev.warden.event;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EventSourcesTest {

	@Test
	void everyEventTopicHasOneOwningSource() {
		for (String topic : Topics.ALL) {
			assertThat(EventSources.ownerOf(topic)).as(topic).isPresent();
		}
		assertThat(EventSources.ownerOf(Topics.AUTH_EVENTS)).contains(EventSources.AUTH_SERVICE);
		assertThat(EventSources.ownerOf(Topics.SESSION_EVENTS)).contains(EventSources.SESSION_SERVICE);
		assertThat(EventSources.ownerOf(Topics.TOKEN_EVENTS)).contains(EventSources.TOKEN_SERVICE);
	}

	@Test
	void isOwnerWhenSourceIsAnotherServiceThenFalse() {
		assertThat(EventSources.isOwner(Topics.AUTH_EVENTS, EventSources.AUTH_SERVICE)).isTrue();
		assertThat(EventSources.isOwner(Topics.AUTH_EVENTS, EventSources.TOKEN_SERVICE)).isFalse();
		assertThat(EventSources.isOwner(Topics.AUTH_EVENTS, "/auth-service/")).isFalse();
		assertThat(EventSources.isOwner(Topics.AUTH_EVENTS, null)).isFalse();
		assertThat(EventSources.isOwner("warden.other.events", EventSources.AUTH_SERVICE)).isFalse();
	}

	@Test
	void anEventTypeBelongsOnlyOnTheTopicOfTheServiceThatPublishesIt() {
		assertThat(EventSources.belongsOn(Topics.AUTH_EVENTS, EventTypes.PASSWORD_CHANGED)).isTrue();
		assertThat(EventSources.belongsOn(Topics.SESSION_EVENTS, EventTypes.PASSWORD_CHANGED)).isFalse();
		assertThat(EventSources.belongsOn(Topics.TOKEN_EVENTS, EventTypes.ACCOUNT_UNLOCKED)).isFalse();
		assertThat(EventSources.belongsOn(Topics.SESSION_EVENTS, EventTypes.SESSION_REVOKED)).isTrue();
		assertThat(EventSources.belongsOn(Topics.AUTH_EVENTS, EventTypes.SESSION_REVOKED)).isFalse();
		assertThat(EventSources.belongsOn(Topics.TOKEN_EVENTS, EventTypes.TOKENS_SUSPENDED)).isTrue();
		assertThat(EventSources.belongsOn(Topics.AUTH_EVENTS, EventTypes.AUDIT_RETENTION_APPLIED)).isFalse();
		assertThat(EventSources.belongsOn(Topics.AUTH_EVENTS, "something.else")).isFalse();
		assertThat(EventSources.belongsOn(Topics.AUTH_EVENTS, null)).isFalse();
	}

}
