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
