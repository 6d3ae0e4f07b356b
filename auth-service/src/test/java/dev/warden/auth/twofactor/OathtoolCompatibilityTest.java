package dev.warden.auth.twofactor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import org.apache.commons.codec.binary.Base32;
import org.junit.jupiter.api.Test;

/**
 * Warden's codes are the codes a real authenticator computes: checked against oathtool
 * (Debian's {@code oathtool} package, installed by {@code .ci/run}) for random secrets at
 * fixed instants.
 */
class OathtoolCompatibilityTest {

	@Test
	void producesTheSameCodesAsOathtool() throws Exception {
		assumeTrue(oathtoolInstalled(), "oathtool is installed by .ci/run (apt-get install oathtool)");
		SecureRandom random = new SecureRandom();
		for (int i = 0; i < 20; i++) {
			byte[] secret = new byte[20];
			random.nextBytes(secret);
			String base32 = new Base32().encodeToString(secret).replace("=", "");
			Instant at = Instant.ofEpochSecond(1_600_000_000L + random.nextInt(400_000_000));

			String oathtool = run("oathtool", "--totp", "-b", "--now",
					at.toString().replace("T", " ").replace("Z", " UTC"), base32);

			assertThat(Totp.code(secret, Totp.step(at))).as("%s at %s", base32, at).isEqualTo(oathtool);
		}
	}

	private static boolean oathtoolInstalled() {
		try {
			run("oathtool", "--version");
			return true;
		}
		catch (IOException | IllegalStateException ex) {
			return false;
		}
	}

	private static String run(String... command) throws IOException {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		try {
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
			if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
				throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
			}
			return output;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
