package dev.warden.event;

import org.jspecify.annotations.Nullable;

/** An event about one session, named by its public id (never its cookie value). */
public interface AboutSession {

	@Nullable String sessionId();

}
