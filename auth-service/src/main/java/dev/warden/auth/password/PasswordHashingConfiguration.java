package dev.warden.auth.password;

import java.util.Map;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Argon2id with OWASP's minimum parameters set explicitly (m=19456 KiB, t=2, p=1; Spring
 * Security's preset is weaker), in Spring Security's format but with pooled memory
 * ({@link PooledArgon2PasswordEncoder}), behind a {@link DelegatingPasswordEncoder} so
 * parameters can be raised later and old hashes re-hashed at the next successful login.
 * No bcrypt: it silently truncates at 72 bytes.
 */
@Configuration(proxyBeanMethods = false)
class PasswordHashingConfiguration {

	static final String ID = "argon2";

	static final int SALT_BYTES = 16;

	static final int HASH_BYTES = 32;

	static final int PARALLELISM = 1;

	static final int MEMORY_KIB = 19_456;

	static final int ITERATIONS = 2;

	@Bean
	PasswordEncoder passwordEncoder(
			@org.springframework.beans.factory.annotation.Value("${warden.password.hash-slots:0}") int slots) {
		PooledArgon2PasswordEncoder argon2 = new PooledArgon2PasswordEncoder(SALT_BYTES, HASH_BYTES, PARALLELISM,
				MEMORY_KIB, ITERATIONS, PasswordHasher.slots(slots));
		return new DelegatingPasswordEncoder(ID, Map.of(ID, argon2));
	}

}
