package dev.warden.auth.admin;

import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import dev.warden.auth.session.SessionClient;
import dev.warden.auth.session.SessionsUnavailableException;
import dev.warden.auth.token.TokenCounts;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * How many live sessions and working API tokens a user has, each asked of the service
 * that owns them, both at once. A service that does not answer leaves its count unknown
 * ({@code null}) rather than failing the administrator's view during an incident.
 */
@Component
class AccountCounts {

	/** A few threads for the session count, made when asked; the caller's own if busy. */
	private static final ThreadPoolExecutor ASKERS = new ThreadPoolExecutor(0, 4, 30, TimeUnit.SECONDS,
			new SynchronousQueue<>(), (task) -> {
				Thread thread = new Thread(task, "account-counts");
				thread.setDaemon(true);
				return thread;
			}, new ThreadPoolExecutor.CallerRunsPolicy());

	private final SessionClient sessions;

	private final TokenCounts tokens;

	AccountCounts(SessionClient sessions, TokenCounts tokens) {
		this.sessions = sessions;
		this.tokens = tokens;
	}

	Counts of(String userId) {
		CompletableFuture<@Nullable Integer> sessionCount = CompletableFuture.supplyAsync(() -> sessions(userId),
				ASKERS);
		OptionalInt tokenCount = this.tokens.active(userId);
		return new Counts(sessionCount.join(), tokenCount.isPresent() ? tokenCount.getAsInt() : null);
	}

	private @Nullable Integer sessions(String userId) {
		try {
			return this.sessions.count(userId);
		}
		catch (SessionsUnavailableException ex) {
			return null;
		}
	}

	/** Each {@code null} when its service did not answer. */
	record Counts(@Nullable Integer activeSessions, @Nullable Integer activeTokens) {
	}

}
