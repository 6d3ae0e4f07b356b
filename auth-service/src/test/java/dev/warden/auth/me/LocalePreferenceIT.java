package dev.warden.auth.me;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import dev.warden.auth.AuthIntegrationTest;
import dev.warden.auth.user.User;
import dev.warden.event.EventTypes;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A user's language for e-mails: set by an administrator at creation or by the user, and
 * told in events.
 */
class LocalePreferenceIT extends AuthIntegrationTest {

	@Test
	void aUserChoosesTheLanguageOfTheirMailsAndEveryAddressedEventCarriesIt() {
		User user = newUser(uniqueEmail(), strongPassword());

		HttpResponse<String> set = send("PUT", "/api/me/locale", Map.of("locale", "de-at"), bearer(user));

		assertThat(set.statusCode()).isEqualTo(204);
		assertThat(read(send("GET", "/api/me", null, bearer(user))).get("locale").asString()).isEqualTo("de-AT");
		JsonNode updated = this.events.await(user.id().toString(), EventTypes.USER_UPDATED);
		assertThat(updated.get("data").get("locale").asString()).isEqualTo("de-AT");
		assertThat(updated.get("data").get("email").asString()).isEqualTo(user.email());

		login(user.email(), "wrong password entirely");
		JsonNode failed = this.events.await(user.id().toString(), EventTypes.LOGIN_FAILED);
		assertThat(failed.get("data").get("locale").asString()).isEqualTo("de-AT");
	}

	@Test
	void anEmptyLanguageGoesBackToEnglish() {
		User user = newUser(uniqueEmail(), strongPassword());
		send("PUT", "/api/me/locale", Map.of("locale", "fr"), bearer(user));

		HttpResponse<String> reset = send("PUT", "/api/me/locale", Map.of("locale", ""), bearer(user));

		assertThat(reset.statusCode()).isEqualTo(204);
		assertThat(read(send("GET", "/api/me", null, bearer(user))).get("locale").isNull()).isTrue();
		List<JsonNode> updates = this.events.awaitCount(user.id().toString(), EventTypes.USER_UPDATED, 2);
		assertThat(updates).anySatisfy((event) -> assertThat(event.get("data").has("locale")).isFalse());
	}

	@Test
	void anApiTokenCannotChangeTheLanguageOfSecurityMails() {
		User user = newUser(uniqueEmail(), strongPassword());
		String tokenCaller = dev.warden.infra.test.TestJwts.shared()
			.forUser(user.id().toString())
			.roles("USER")
			.apiToken("tok_locale_test")
			.amr("token")
			.bearer();

		HttpResponse<String> refused = send("PUT", "/api/me/locale", Map.of("locale", "de"), tokenCaller);

		assertThat(refused.statusCode()).isEqualTo(403);
		assertThat(refused.body()).contains("\"code\":\"session_required\"");
		assertThat(this.userStore.findById(user.id()).orElseThrow().locale()).isNull();
	}

	@Test
	void refusesSomethingThatIsNotALanguageTag() {
		User user = newUser(uniqueEmail(), strongPassword());

		for (String bad : List.of("english please", "de_DE", "x", "de-" + "a".repeat(40), "<script>")) {
			HttpResponse<String> response = send("PUT", "/api/me/locale", Map.of("locale", bad), bearer(user));
			assertThat(response.statusCode()).as(bad).isEqualTo(400);
			assertThat(response.body()).as(bad).contains("\"field\":\"locale\"");
		}
	}

	@Test
	void anAdministratorCreatesAUserInTheirLanguage() {
		User admin = bootstrapAdmin();

		HttpResponse<String> created = send("POST", "/api/admin/users", Map.of("email", uniqueEmail(), "displayName",
				"Karl", "roles", List.of("USER"), "password", strongPassword(), "locale", "de"), bearer(admin));

		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		String id = read(created).get("id").asString();
		assertThat(read(created).get("locale").asString()).isEqualTo("de");
		assertThat(this.events.await(id, EventTypes.USER_CREATED).get("data").get("locale").asString()).isEqualTo("de");
	}

}
