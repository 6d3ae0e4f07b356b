package dev.warden.session.lifecycle;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Session lifetimes ({@code warden.session.*}).
 *
 * @param idleTimeout a session unused this long ends (sliding), OWASP's 15-30 min for
 * this kind of application
 * @param absoluteLifetime a session ends this long after sign-in whatever the activity
 * @param touchInterval activity is written at most this often per session, so the
 * gateway's hot path costs no write on most requests (the idle expiry is therefore exact
 * to within this interval)
 */
@ConfigurationProperties("warden.session")
public record SessionProperties(@DefaultValue("30m") Duration idleTimeout,
		@DefaultValue("12h") Duration absoluteLifetime, @DefaultValue("60s") Duration touchInterval) {
}
