package dev.warden.gateway.protection;

import org.jspecify.annotations.Nullable;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;
import java.util.List;

import dev.warden.gateway.FilterOrder;
import dev.warden.gateway.client.ClientAddresses;
import dev.warden.gateway.identity.CallerIdentity;
import dev.warden.gateway.problem.GatewayProblem;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Rate limits at the door, with Spring Cloud Gateway's Redis token buckets shared by
 * every replica: sign-in and password reset per client IP, password change and token
 * creation per user; 429 problem+json with {@code Retry-After} beyond. The Redis limiter
 * lets traffic through when Redis fails, so this is a first line only: auth-service's
 * per-account counters are the authoritative brute-force protection.
 */
@Component
public class RateLimitFilter implements GlobalFilter, Ordered {

	static final String LOGIN = "login-per-ip";

	static final String SENSITIVE = "sensitive-per-user";

	private static final PathPatternParser PARSER = PathPatternParser.defaultInstance;

	private static final List<Rule> RULES = List.of(
			new Rule(LOGIN, HttpMethod.POST, PARSER.parse("/api/auth/login/**"), false),
			new Rule(LOGIN, HttpMethod.POST, PARSER.parse("/api/auth/password-reset/**"), false),
			new Rule(LOGIN, HttpMethod.POST, PARSER.parse("/api/auth/passkey/**"), false),
			new Rule(LOGIN, HttpMethod.POST, PARSER.parse("/api/tokens/revocations"), false),
			new Rule(SENSITIVE, HttpMethod.POST, PARSER.parse("/api/security/password"), true),
			new Rule(SENSITIVE, HttpMethod.POST, PARSER.parse("/api/security/tokens"), true),
			// Each opens a passkey challenge in Redis.
			new Rule(SENSITIVE, HttpMethod.POST, PARSER.parse("/api/security/passkeys/registration/options"), true),
			new Rule(SENSITIVE, HttpMethod.POST, PARSER.parse("/api/auth/reauthenticate/options"), true));

	private final RedisRateLimiter limiter;

	private final RateLimitProperties properties;

	private final JsonMapper json;

	private final ClientAddresses clients;

	RateLimitFilter(RedisRateLimiter limiter, RateLimitProperties properties, JsonMapper json,
			ClientAddresses clients) {
		this.clients = clients;
		this.limiter = limiter;
		this.properties = properties;
		this.json = json;
		limiter.getConfig().put(LOGIN, config(properties.login()));
		limiter.getConfig().put(SENSITIVE, config(properties.sensitive()));
	}

	private static RedisRateLimiter.Config config(RateLimitProperties.Bucket bucket) {
		return new RedisRateLimiter.Config().setReplenishRate(bucket.perSecond())
			.setBurstCapacity(bucket.burst())
			.setRequestedTokens(1);
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		PathContainer path = exchange.getRequest().getPath().pathWithinApplication();
		for (Rule rule : RULES) {
			if (rule.applies(exchange.getRequest().getMethod(), path)) {
				String key = rule.perUser() ? userOf(exchange) : clientIp(exchange);
				return this.limiter.isAllowed(rule.id(), key).flatMap((response) -> {
					if (response.isAllowed()) {
						return chain.filter(exchange);
					}
					RateLimitProperties.Bucket bucket = LOGIN.equals(rule.id()) ? this.properties.login()
							: this.properties.sensitive();
					exchange.getResponse()
						.getHeaders()
						.set("Retry-After", String.valueOf(Math.max(1, (int) Math.ceil(1.0 / bucket.perSecond()))));
					return GatewayProblem.tooManyRequests().write(exchange, this.json);
				});
			}
		}
		return chain.filter(exchange);
	}

	private String userOf(ServerWebExchange exchange) {
		CallerIdentity caller = exchange.getAttribute(CallerIdentity.ATTRIBUTE);
		return caller == null || caller.isAnonymous() ? clientIp(exchange) : "user:" + caller.userId();
	}

	/**
	 * The client's address: behind trusted proxies, the one they forwarded
	 * (warden.gateway.trusted-proxies).
	 */
	private String clientIp(ServerWebExchange exchange) {
		return clientKey(this.clients.of(exchange));
	}

	/**
	 * The bucket of a client address: an IPv4 address is one client, an IPv6 address
	 * counts with its whole /64, which one subscriber usually holds (otherwise each of
	 * its 2⁶⁴ addresses would get a bucket of its own).
	 */
	static String clientKey(@Nullable String address) {
		if (address == null || address.isEmpty()) {
			return "ip:unknown";
		}
		if (address.indexOf(':') >= 0) {
			try {
				// In brackets: a literal only, never a name to look up.
				InetAddress parsed = InetAddress.getByName("[" + address.replaceAll("%.*$", "") + "]");
				if (parsed instanceof Inet6Address) {
					return "ip6:" + HexFormat.of().formatHex(parsed.getAddress(), 0, 8) + "/64";
				}
				return "ip:" + parsed.getHostAddress();
			}
			catch (UnknownHostException ex) {
				return "ip:" + address;
			}
		}
		return "ip:" + address;
	}

	@Override
	public int getOrder() {
		return FilterOrder.RATE_LIMIT;
	}

	/** Whether a request with this method and path is counted (and may get a 429). */
	public static boolean limits(HttpMethod method, String path) {
		PathContainer container = PathContainer.parsePath(path);
		return RULES.stream().anyMatch((rule) -> rule.applies(method, container));
	}

	private record Rule(String id, HttpMethod method, PathPattern path, boolean perUser) {

		boolean applies(@Nullable HttpMethod requested, PathContainer requestedPath) {
			return this.method.equals(requested) && this.path.matches(requestedPath);
		}

	}

}
