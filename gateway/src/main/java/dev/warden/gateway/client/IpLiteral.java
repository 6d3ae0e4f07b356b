package dev.warden.gateway.client;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** IP address literals from headers and settings, parsed without ever asking DNS. */
final class IpLiteral {

	private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

	private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:]*:[0-9a-fA-F:.]*");

	private IpLiteral() {
	}

	/**
	 * The address as text, IPv6 in RFC 5952's canonical form ({@code ::1}, not
	 * {@code 0:0:0:0:0:0:0:1}): lower case, no leading zeros, the longest run of two or
	 * more zero groups (the first of equal runs) written as {@code ::}. As people and
	 * logs write addresses, on the page, in the CSV and in e-mails alike.
	 */
	static String text(InetAddress address) {
		if (!(address instanceof java.net.Inet6Address)) {
			return address.getHostAddress();
		}
		byte[] bytes = address.getAddress();
		int[] groups = new int[8];
		for (int i = 0; i < 8; i++) {
			groups[i] = ((bytes[2 * i] & 0xff) << 8) | (bytes[2 * i + 1] & 0xff);
		}
		int bestStart = -1;
		int bestLength = 1;
		for (int i = 0; i < 8;) {
			int j = i;
			while (j < 8 && groups[j] == 0) {
				j++;
			}
			if (j - i > bestLength) {
				bestStart = i;
				bestLength = j - i;
			}
			i = (j == i) ? i + 1 : j;
		}
		StringBuilder text = new StringBuilder();
		for (int i = 0; i < 8; i++) {
			if (i == bestStart) {
				text.append("::");
				i += bestLength - 1;
				continue;
			}
			if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
				text.append(':');
			}
			text.append(Integer.toHexString(groups[i]));
		}
		return text.toString();
	}

	/**
	 * The address, or null when the text is no IP literal (a host name, {@code unknown},
	 * {@code _hidden}...).
	 */
	static @Nullable InetAddress parse(String text) {
		if (text == null || text.length() > 45) {
			return null;
		}
		try {
			if (IPV4.matcher(text).matches()) {
				// Built from its four numbers: InetAddress.getByName would look up
				// "999.1.1.1" in DNS.
				byte[] bytes = new byte[4];
				String[] parts = text.split("\\.");
				for (int i = 0; i < 4; i++) {
					int value = Integer.parseInt(parts[i]);
					if (value > 255 || (parts[i].length() > 1 && parts[i].startsWith("0"))) {
						return null;
					}
					bytes[i] = (byte) value;
				}
				return InetAddress.getByAddress(bytes);
			}
			// With a colon, the JDK parses an IPv6 literal and never asks DNS (an invalid
			// one throws).
			return IPV6.matcher(text).matches() ? InetAddress.getByName(text) : null;
		}
		catch (UnknownHostException ex) {
			return null;
		}
	}

	/**
	 * One hop of {@code X-Forwarded-For} or a {@code for=} value of {@code Forwarded}
	 * (RFC 7239 §6): quotes, a bracketed IPv6 address and a port are removed.
	 */
	static @Nullable InetAddress parseHop(String hop) {
		String value = hop.strip();
		if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
			value = value.substring(1, value.length() - 1);
		}
		if (value.startsWith("[")) {
			int close = value.indexOf(']');
			return close < 0 ? null : parse(value.substring(1, close));
		}
		int colon = value.indexOf(':');
		if (colon >= 0 && colon == value.lastIndexOf(':')) {
			value = value.substring(0, colon); // IPv4 with a port
		}
		return parse(value);
	}

}
