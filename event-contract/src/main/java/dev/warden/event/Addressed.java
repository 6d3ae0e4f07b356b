package dev.warden.event;

import org.jspecify.annotations.Nullable;

/**
 * An event that says where the user's security mail goes. Only auth-service's events are
 * believed on this (notification-service ignores an address in any other topic).
 */
public interface Addressed {

	String email();

	String displayName();

	/** The user's language as a BCP 47 tag; {@code null}: English. */
	@Nullable String locale();

}
