package dev.warden.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * deploy/new-secrets.sh gives a fresh value for every placeholder of .env.example, and
 * never the same twice.
 */
@SuppressWarnings("unchecked")
class NewSecretsTest {

	private static final Pattern LINE = Pattern.compile("(?m)^([A-Z0-9_]+)=(.*)$");

	@Test
	void everyPlaceholderOfTheExampleEnvironmentGetsAFreshValue() throws Exception {
		Map<String, String> first = run();
		Map<String, String> second = run();
		String example = Files.readString(Path.of(System.getProperty("warden.root", ".."), ".env.example"));

		Matcher placeholders = LINE.matcher(example);
		int count = 0;
		while (placeholders.find()) {
			if (placeholders.group(2).contains("CHANGE-ME")) {
				String name = placeholders.group(1);
				count++;
				assertThat(first).as(name).containsKey(name);
				assertThat(first.get(name)).as(name).doesNotContain("CHANGE-ME").isNotBlank();
				assertThat(second.get(name)).as(name + " differs between runs").isNotEqualTo(first.get(name));
			}
		}
		assertThat(count).as("placeholders in .env.example").isGreaterThan(10);
	}

	/**
	 * The Kubernetes form: Secrets that read back as YAML with every value as made, each
	 * service's own, consistent where two hold one secret (the reset mail key, the public
	 * keys), and fresh each run.
	 */
	@Test
	void kubernetesSecretsReadBackAndAgreeWhereTwoServicesShareAValue() throws Exception {
		java.util.List<NewSecrets.Secret> made = NewSecrets.kubernetes(true);
		java.util.List<Map<String, Object>> read = new java.util.ArrayList<>();
		for (Object document : new org.yaml.snakeyaml.Yaml(
				new org.yaml.snakeyaml.constructor.SafeConstructor(new org.yaml.snakeyaml.LoaderOptions()))
			.loadAll(NewSecrets.yaml(made))) {
			read.add((Map<String, Object>) document);
		}
		assertThat(read).hasSize(made.size());
		Map<String, Map<String, String>> byName = new LinkedHashMap<>();
		for (int i = 0; i < made.size(); i++) {
			assertThat(read.get(i)).containsEntry("kind", "Secret").containsEntry("type", made.get(i).type());
			assertThat(read.get(i).get("stringData")).isEqualTo(made.get(i).data());
			byName.put(made.get(i).name(), made.get(i).data());
		}
		assertThat(byName.get("warden-auth-service").get("WARDEN_PASSWORDRESET_MAILKEYS"))
			.isEqualTo(byName.get("warden-notification-service").get("WARDEN_PASSWORDRESET_MAILKEYS"));
		assertThat(byName.get("warden-gateway").get("WARDEN_INTERNAL_AUTHSERVICEKEY"))
			.isEqualTo(byName.get("warden-session-service").get("WARDEN_INTERNAL_AUTHSERVICEKEY"))
			.doesNotContain("\"d\"");
		assertThat(byName.get("warden-session-service").get("WARDEN_REDIS_PASSWORD"))
			.isEqualTo(byName.get("redis-users").get("SESSION_REDIS_PASSWORD"))
			.isNotEqualTo(byName.get("warden-gateway").get("WARDEN_REDIS_PASSWORD"));
		assertThat(byName.get("warden-token-service")).doesNotContainKey("WARDEN_REDIS_PASSWORD")
			.doesNotContainKey("WARDEN_SERVICE_KEY");
		assertThat(byName).containsKeys("postgres-auth", "postgres-tokens", "postgres-audit", "gateway",
				"audit-service");
		assertThat(NewSecrets.kubernetes(true).get(0).data().get("WARDEN_SERVICE_KEY"))
			.isNotEqualTo(byName.get("warden-gateway").get("WARDEN_SERVICE_KEY"));
	}

	private static Map<String, String> run() throws Exception {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		PrintStream original = System.out;
		System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
		try {
			NewSecrets.main(new String[0]);
		}
		finally {
			System.setOut(original);
		}
		Map<String, String> values = new LinkedHashMap<>();
		Matcher line = LINE.matcher(out.toString(StandardCharsets.UTF_8));
		while (line.find()) {
			values.put(line.group(1), line.group(2));
		}
		return values;
	}

}
