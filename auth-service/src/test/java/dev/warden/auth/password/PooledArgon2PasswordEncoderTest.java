package dev.warden.auth.password;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pooled encoder writes and reads what Spring Security's Argon2PasswordEncoder writes
 * and reads, so every stored hash keeps working, and it stays correct when hashes run at
 * once on the shared pool.
 */
class PooledArgon2PasswordEncoderTest {

	static final PooledArgon2PasswordEncoder POOLED = new PooledArgon2PasswordEncoder(16, 32, 1, 19_456, 2, 2);

	static final Argon2PasswordEncoder SPRING = new Argon2PasswordEncoder(16, 32, 1, 19_456, 2);

	@Test
	void springReadsWhatItWritesAndItReadsWhatSpringWrites() {
		String ours = POOLED.encode("correct horse battery staple");
		String theirs = SPRING.encode("correct horse battery staple");

		assertThat(ours).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
		assertThat(SPRING.matches("correct horse battery staple", ours)).isTrue();
		assertThat(POOLED.matches("correct horse battery staple", theirs)).isTrue();
		assertThat(POOLED.matches("Correct horse battery staple", theirs)).isFalse();
		assertThat(SPRING.matches("correct horse battery stapl", ours)).isFalse();
	}

	@Test
	void unicodePasswordsHashAsSpringHashesThem() {
		String password = "Grüße, ünïcödé – 密码 🔑";

		assertThat(SPRING.matches(password, POOLED.encode(password))).isTrue();
		assertThat(POOLED.matches(password, SPRING.encode(password))).isTrue();
	}

	@Test
	void aWeakerHashIsReadAndMarkedForRehashing() {
		String weaker = new Argon2PasswordEncoder(16, 32, 1, 4_096, 3).encode("pass phrase");

		assertThat(POOLED.matches("pass phrase", weaker)).isTrue();
		assertThat(POOLED.upgradeEncoding(weaker)).isTrue();
		assertThat(POOLED.upgradeEncoding(POOLED.encode("pass phrase"))).isFalse();
	}

	@Test
	void malformedHashesMatchNothing() {
		for (String broken : List.of("", "$argon2id$v=19$m=19456,t=2,p=1$", "$argon2id$v=19$m=x,t=2,p=1$c2FsdA$aGFzaA",
				"$argon2id$v=19$m=19456,t=2,p=1$!!!$aGFzaA", "plain text", "$2a$10$bcryptlookingvalue")) {
			assertThat(POOLED.matches("anything", broken)).as(broken).isFalse();
			assertThat(POOLED.upgradeEncoding(broken)).as(broken).isFalse();
		}
		assertThat(POOLED.matches(null, SPRING.encode("x"))).isFalse();
		assertThat(POOLED.matches("x", null)).isFalse();
	}

	@Test
	void hashesRunningAtOnceOnTheSharedPoolStayCorrect() throws Exception {
		ExecutorService threads = Executors.newFixedThreadPool(4);
		try {
			List<Future<Boolean>> results = new ArrayList<>();
			for (int i = 0; i < 12; i++) {
				String password = "password number " + i;
				results.add(threads.submit(() -> {
					String hash = POOLED.encode(password);
					return SPRING.matches(password, hash) && POOLED.matches(password, hash)
							&& !POOLED.matches(password + "!", hash);
				}));
			}
			for (Future<Boolean> result : results) {
				assertThat(result.get()).isTrue();
			}
		}
		finally {
			threads.shutdownNow();
		}
	}

}
