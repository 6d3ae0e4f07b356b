package dev.warden.gateway.client;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.jspecify.annotations.Nullable;

/**
 * The one place the gateway decides who the client is: for rate limits, token
 * introspection, the address services record ({@code cip} in the internal JWT) and the
 * access log. The TCP peer, unless the peer is a trusted proxy: then the right-most hop
 * of {@code Forwarded} ({@code for=}) or {@code X-Forwarded-For} that is not itself a
 * trusted proxy. Hops to the left of it were written by the client and are never
 * believed.
 */
@Component
public class ClientAddresses {

	private static final String ATTRIBUTE = ClientAddresses.class.getName();

	private final List<Cidr> trusted;

	ClientAddresses(ClientAddressProperties properties) {
		this.trusted = properties.trustedProxies().stream().filter((cidr) -> !cidr.isBlank()).map(Cidr::parse).toList();
	}

	/**
	 * The client's address as text, or null when the peer is unknown; worked out once per
	 * request.
	 */
	public @Nullable String of(ServerWebExchange exchange) {
		String known = exchange.getAttribute(ATTRIBUTE);
		if (known != null) {
			return known;
		}
		InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
		if (remote == null || remote.getAddress() == null) {
			return null;
		}
		String resolved = IpLiteral.text(resolve(remote.getAddress(), exchange.getRequest().getHeaders()));
		exchange.getAttributes().put(ATTRIBUTE, resolved);
		return resolved;
	}

	InetAddress resolve(InetAddress peer, HttpHeaders headers) {
		if (!isTrusted(peer)) {
			return peer;
		}
		List<String> forwarded = forwardedFor(headers.getOrEmpty("Forwarded"));
		List<String> xForwardedFor = headers.getValuesAsList("X-Forwarded-For");
		InetAddress fromForwarded = forwarded.isEmpty() ? null : rightMostUntrusted(peer, forwarded);
		InetAddress fromXff = xForwardedFor.isEmpty() ? null : rightMostUntrusted(peer, xForwardedFor);
		if (fromForwarded != null && fromXff != null && !fromForwarded.equals(fromXff)) {
			// A proxy writes one of the two; the other came from the client. Not knowing
			// which, believe neither.
			return peer;
		}
		return fromForwarded != null ? fromForwarded : (fromXff != null ? fromXff : peer);
	}

	private InetAddress rightMostUntrusted(InetAddress peer, List<String> hops) {
		InetAddress nearest = peer;
		for (int i = hops.size() - 1; i >= 0; i--) {
			InetAddress hop = IpLiteral.parseHop(hops.get(i));
			if (hop == null) {
				// "unknown", an obfuscated name or garbage: the chain cannot be followed
				// further.
				return nearest;
			}
			if (!isTrusted(hop)) {
				return hop;
			}
			nearest = hop;
		}
		// Every hop is a trusted proxy: the left-most is the closest to a client there
		// is.
		return nearest;
	}

	private boolean isTrusted(InetAddress address) {
		return this.trusted.stream().anyMatch((cidr) -> cidr.contains(address));
	}

	/**
	 * The {@code for=} values of every {@code Forwarded} element (RFC 7239 §4), in order.
	 */
	private static List<String> forwardedFor(List<String> values) {
		List<String> hops = new ArrayList<>();
		for (String value : values) {
			for (String pair : value.split("[;,]")) {
				int equals = pair.indexOf('=');
				if (equals > 0 && pair.substring(0, equals).strip().toLowerCase(Locale.ROOT).equals("for")) {
					hops.add(pair.substring(equals + 1));
				}
			}
		}
		return hops;
	}

}
