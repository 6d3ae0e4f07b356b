package dev.warden.support.identity;

import java.util.function.Predicate;

import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * {@link StrictHttpFirewall}'s default rules for header names, header values and
 * parameter names — only assigned, non-control code points,
 * {@code [\p{IsAssigned}&&[^\p{IsControl}]]*} (header values may also hold tabs) —
 * checked by a loop: the firewall ran those regular expressions on every header of every
 * request, a sixteenth of a service's time under load.
 */
final class AssignedNonControl implements Predicate<String> {

	/** Header names and parameter names. */
	static final AssignedNonControl NAMES = new AssignedNonControl(false);

	/** Header values: tabs too. */
	static final AssignedNonControl HEADER_VALUES = new AssignedNonControl(true);

	private final boolean tabAllowed;

	private AssignedNonControl(boolean tabAllowed) {
		this.tabAllowed = tabAllowed;
	}

	@Override
	public boolean test(String value) {
		for (int i = 0; i < value.length();) {
			int codePoint = value.codePointAt(i);
			int type = Character.getType(codePoint);
			if (type == Character.UNASSIGNED
					|| (type == Character.CONTROL && !(this.tabAllowed && codePoint == '\t'))) {
				return false;
			}
			i += Character.charCount(codePoint);
		}
		return true;
	}

	/** A {@link StrictHttpFirewall} with its defaults, these rules checked by loops. */
	static StrictHttpFirewall firewall() {
		StrictHttpFirewall firewall = new StrictHttpFirewall();
		firewall.setAllowedHeaderNames(NAMES);
		firewall.setAllowedHeaderValues(HEADER_VALUES);
		firewall.setAllowedParameterNames(NAMES);
		return firewall;
	}

}
