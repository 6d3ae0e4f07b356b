package dev.warden.auth.password;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import org.springframework.security.crypto.password.PasswordEncoder;

class PasswordHasherTest {

	/**
	 * Counts how many checks run at the same moment; each takes a little while, as
	 * Argon2id does.
	 */
	static final class CountingEncoder implements PasswordEncoder {

		final AtomicInteger running = new AtomicInteger();

		final AtomicInteger most = new AtomicInteger();

		@Override
		public String encode(CharSequence raw) {
			return work("hash:" + raw);
		}

		@Override
		public boolean matches(CharSequence raw, String encoded) {
			return work(("hash:" + raw).equals(encoded) ? "yes" : "no").equals("yes");
		}

		private String work(String result) {
			this.most.accumulateAndGet(this.running.incrementAndGet(), Math::max);
			try {
				Thread.sleep(20);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			this.running.decrementAndGet();
			return result;
		}

	}

	@Test
	void neverRunsMoreHashesAtOnceThanItHasSlots() throws Exception {
		CountingEncoder encoder = new CountingEncoder();
		PasswordHasher hasher = new PasswordHasher(encoder, 2);
		String stored = hasher.hash("correct horse");
		ExecutorService requests = Executors.newFixedThreadPool(12);
		try {
			List<Future<Boolean>> answers = new ArrayList<>();
			for (int i = 0; i < 48; i++) {
				String typed = i % 2 == 0 ? "correct horse" : "wrong horse";
				answers.add(requests.submit(() -> hasher.matches(typed, stored)));
			}
			int accepted = 0;
			for (Future<Boolean> answer : answers) {
				accepted += answer.get() ? 1 : 0;
			}

			assertThat(accepted).as("every check still answered correctly").isEqualTo(24);
			assertThat(encoder.most.get()).as("hashes at the same moment").isEqualTo(2);
		}
		finally {
			requests.shutdownNow();
		}
	}

}
