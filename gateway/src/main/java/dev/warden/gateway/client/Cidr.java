package dev.warden.gateway.client;

import java.net.InetAddress;
import java.util.Arrays;

/**
 * One CIDR block ({@code 10.0.0.0/8}, {@code 2001:db8::/32}; a bare address is a block of
 * one).
 */
record Cidr(byte[] network, int prefix) {

	static Cidr parse(String text) {
		String value = text.strip();
		int slash = value.indexOf('/');
		InetAddress address = IpLiteral.parse(slash < 0 ? value : value.substring(0, slash));
		if (address == null) {
			throw new IllegalArgumentException("warden.gateway.trusted-proxies: not a CIDR block: " + text);
		}
		byte[] bytes = address.getAddress();
		int prefix;
		try {
			prefix = slash < 0 ? bytes.length * 8 : Integer.parseInt(value.substring(slash + 1));
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("warden.gateway.trusted-proxies: not a CIDR block: " + text);
		}
		if (prefix < 0 || prefix > bytes.length * 8) {
			throw new IllegalArgumentException("warden.gateway.trusted-proxies: prefix out of range: " + text);
		}
		return new Cidr(bytes, prefix);
	}

	boolean contains(InetAddress address) {
		byte[] bytes = address.getAddress();
		if (bytes.length != this.network.length) {
			return false;
		}
		int whole = this.prefix / 8;
		if (!Arrays.equals(bytes, 0, whole, this.network, 0, whole)) {
			return false;
		}
		int rest = this.prefix % 8;
		if (rest == 0) {
			return true;
		}
		int mask = (0xFF << (8 - rest)) & 0xFF;
		return (bytes[whole] & mask) == (this.network[whole] & mask);
	}
}
