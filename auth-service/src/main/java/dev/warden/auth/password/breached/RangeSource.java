package dev.warden.auth.password.breached;

import java.io.IOException;

/**
 * Where the range of one SHA-1 prefix comes from: lines {@code SUFFIX:COUNT}, the 35
 * remaining hex characters in upper case, as the Pwned Passwords range API answers.
 */
interface RangeSource {

	/** The range of this 5-character upper-case hex prefix. */
	String range(String prefix) throws IOException;

}
