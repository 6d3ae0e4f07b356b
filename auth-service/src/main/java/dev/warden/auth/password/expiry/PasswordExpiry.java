package dev.warden.auth.password.expiry;

import java.util.Objects;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.warden.event.auth.PasswordExpiringSoon;
import dev.warden.event.auth.PasswordExpired;
import dev.warden.auth.password.policy.PasswordPolicy;
import dev.warden.auth.password.policy.PasswordPolicyService;
import dev.warden.auth.events.AuthEvents;
import dev.warden.auth.user.User;
import dev.warden.auth.user.UserStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Passwords that reach the policy's maximum age. Users are warned 14, 7 and 1 days before
 * ({@code password.expiring-soon}, which notification-service mails), then told when it
 * expired ({@code password.expired}); the next sign-in must change it. Each notice is
 * recorded per password with a unique key in the same transaction as its event, so
 * replicas scanning at once send it once; when several thresholds pass at once (the
 * policy was just switched on) only the most urgent is sent.
 */
@Component
public class PasswordExpiry {

	private static final Logger log = LoggerFactory.getLogger(PasswordExpiry.class);

	/**
	 * Days before expiry that warnings go out, most urgent last; 0 is the expiry itself.
	 */
	static final List<Integer> WARNING_DAYS = List.of(14, 7, 1);

	private static final int BATCH = 500;

	private final UserStore users;

	private final PasswordPolicyService policies;

	private final AuthEvents events;

	private final TransactionTemplate transactions;

	private final Clock clock;

	PasswordExpiry(UserStore users, PasswordPolicyService policies, AuthEvents events, TransactionTemplate transactions,
			Clock clock) {
		this.users = users;
		this.policies = policies;
		this.events = events;
		this.transactions = transactions;
		this.clock = clock;
	}

	public boolean isExpired(User user, PasswordPolicy policy, Instant now) {
		Instant expiresAt = policy.expiresAt(user.passwordChangedAt());
		return expiresAt != null && !expiresAt.isAfter(now);
	}

	/**
	 * Records the expiry and publishes {@code password.expired} once per password; inside
	 * a transaction.
	 */
	public void recordExpired(User user, PasswordPolicy policy, Instant now) {
		if (claim(user, 0, now)) {
			this.events.publish(user.id().toString(), expired(user, policy));
		}
	}

	/**
	 * Sends the notices due now; returns how many were sent. Runs every hour by default.
	 */
	@Scheduled(fixedDelayString = "${warden.password.expiry-check-interval:1h}", initialDelayString = "30s")
	public int sendDueNotices() {
		PasswordPolicy policy = this.policies.current();
		if (!policy.expires()) {
			return 0;
		}
		Instant now = this.clock.instant();
		Instant changedBefore = now.minus(Duration.ofDays(policy.maxAgeDays() - WARNING_DAYS.get(0)));
		int sent = 0;
		List<User> batch;
		User last = null;
		do {
			batch = this.users.passwordsDueForNotice(changedBefore, last, BATCH);
			for (User user : batch) {
				Boolean notified = this.transactions.execute((tx) -> notify(user, policy, now));
				if (Boolean.TRUE.equals(notified)) {
					sent++;
				}
			}
			last = batch.isEmpty() ? last : batch.get(batch.size() - 1);
		}
		while (batch.size() == BATCH);
		if (sent > 0) {
			log.info("Sent {} password expiry notice(s)", sent);
		}
		return sent;
	}

	private boolean notify(User user, PasswordPolicy policy, Instant now) {
		// Only users whose password expires under this policy are due a notice.
		Instant expiresAt = Objects.requireNonNull(policy.expiresAt(user.passwordChangedAt()));
		if (!expiresAt.isAfter(now)) {
			boolean sent = claim(user, 0, now);
			if (sent) {
				this.events.publish(user.id().toString(), expired(user, policy));
			}
			return sent;
		}
		Integer due = null;
		for (int days : WARNING_DAYS) {
			if (!expiresAt.minus(Duration.ofDays(days)).isAfter(now)) {
				due = days;
			}
		}
		if (due == null || alreadySentAtOrBelow(user, due) || !claim(user, due, now)) {
			return false;
		}
		for (int days : WARNING_DAYS) {
			if (days > due) {
				claim(user, days, now); // passed thresholds are marked too, so they never
										// go out late
			}
		}
		int daysLeft = (int) Math.max(1, (Duration.between(now, expiresAt).toHours() + 23) / 24);
		this.events.publish(user.id().toString(),
				new PasswordExpiringSoon(user.email(), user.displayName(), user.locale(), expiresAt, daysLeft));
		return true;
	}

	private boolean alreadySentAtOrBelow(User user, int days) {
		return this.users.expiryNoticeClaimedAtOrBelow(user, days);
	}

	private boolean claim(User user, int daysBefore, Instant now) {
		return this.users.claimExpiryNotice(user, daysBefore, now);
	}

	private static PasswordExpired expired(User user, PasswordPolicy policy) {
		// Only a policy under which passwords expire makes one expire.
		Instant expiresAt = Objects.requireNonNull(policy.expiresAt(user.passwordChangedAt()));
		return new PasswordExpired(user.email(), user.displayName(), user.locale(), expiresAt);
	}

}
