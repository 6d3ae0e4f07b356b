package dev.warden.token.expiry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.warden.event.token.TokenExpiringSoon;
import dev.warden.event.token.TokenExpired;
import dev.warden.event.EventPayload;
import dev.warden.event.CloudEvent;
import dev.warden.event.Topics;
import dev.warden.support.outbox.OutboxWriter;
import dev.warden.token.lifecycle.ApiToken;
import dev.warden.token.lifecycle.TokenService;
import dev.warden.token.lifecycle.TokenStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code token.expiring-soon} 7 days and 1 day before a token expires, then
 * {@code token.expired}. Each notice is claimed ({@link TokenStore#claimNotice}) in the
 * same transaction as its event: with several replicas running the job at once, the
 * primary key lets exactly one claim it, so it goes out exactly once. When a notice is
 * claimed late (the 7-day one inside the last day), the earlier one is skipped.
 */
@Component
public class TokenExpiryNotices {

	private static final Logger log = LoggerFactory.getLogger(TokenExpiryNotices.class);

	private static final int BATCH = 500;

	private final TokenStore tokens;

	private final OutboxWriter outbox;

	private final TransactionTemplate transactions;

	private final Clock clock;

	TokenExpiryNotices(TokenStore tokens, OutboxWriter outbox, TransactionTemplate transactions, Clock clock) {
		this.tokens = tokens;
		this.outbox = outbox;
		this.transactions = transactions;
		this.clock = clock;
	}

	/** Sends what is due; returns how many notices this call sent. */
	@Scheduled(fixedDelayString = "${warden.tokens.expiry-check-interval:1h}", initialDelayString = "20s")
	public int sendDueNotices() {
		Instant now = this.clock.instant();
		int sent = 0;
		List<ApiToken> due;
		ApiToken last = null;
		do {
			due = this.tokens.expiringBefore(now.plus(Duration.ofDays(7)), last, BATCH);
			for (ApiToken token : due) {
				Boolean notified = this.transactions.execute((tx) -> notify(token, now));
				if (Boolean.TRUE.equals(notified)) {
					sent++;
				}
			}
			last = due.isEmpty() ? last : due.get(due.size() - 1);
		}
		while (due.size() == BATCH);
		if (sent > 0) {
			log.info("Sent {} token expiry notice(s)", sent);
		}
		return sent;
	}

	private boolean notify(ApiToken token, Instant now) {
		if (!token.expiresAt().isAfter(now)) {
			claim(token, "7d", now);
			claim(token, "1d", now);
			return claim(token, "expired", now) && publish(token, new TokenExpired(token.id().toString(), token.name(),
					token.role(), token.hint(), token.expiresAt()));
		}
		boolean withinADay = !token.expiresAt().isAfter(now.plus(Duration.ofDays(1)));
		String kind = withinADay ? "1d" : "7d";
		if (!claim(token, kind, now)) {
			return false;
		}
		if (withinADay) {
			claim(token, "7d", now); // too late for it now: never send it after the 1-day
										// one
		}
		return publish(token, new TokenExpiringSoon(token.id().toString(), token.name(), token.role(), token.hint(),
				token.expiresAt(), withinADay ? 1 : 7));
	}

	private boolean publish(ApiToken token, EventPayload payload) {
		this.outbox.append(Topics.TOKEN_EVENTS, CloudEvent.of(TokenService.SOURCE_PATH, token.userId(), payload));
		return true;
	}

	private boolean claim(ApiToken token, String kind, Instant now) {
		return this.tokens.claimNotice(token.id(), kind, now);
	}

}
