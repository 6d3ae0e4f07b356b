package dev.warden.session.device;

import java.util.Locale;
import java.util.Set;

import ua_parser.CachingParser;
import ua_parser.Client;
import ua_parser.Parser;

import org.springframework.stereotype.Component;
import org.jspecify.annotations.Nullable;

/**
 * Names browser, OS and device type from a user agent with uap-java (the ua-parser
 * project's regexes).
 */
@Component
public class DeviceParser {

	/** uap-java refuses longer input; no real user agent is this long. */
	static final int MAX_LENGTH = 512;

	private static final Set<String> TABLETS = Set.of("ipad", "kindle", "nexus 7", "nexus 9", "nexus 10", "galaxy tab",
			"generic tablet", "surface");

	private final Parser parser = new CachingParser();

	public Device parse(@Nullable String userAgent) {
		if (userAgent == null || userAgent.isBlank()) {
			return new Device("Unknown browser", "Unknown OS", "unknown");
		}
		String input = userAgent.length() > MAX_LENGTH ? userAgent.substring(0, MAX_LENGTH) : userAgent;
		Client client = this.parser.parse(input);
		String browser = named(client.userAgent.family, client.userAgent.major, "Unknown browser");
		String os = named(client.os.family, client.os.major, "Unknown OS");
		return new Device(browser, os, deviceType(client, input));
	}

	private static String named(String family, String major, String unknown) {
		if (family == null || "Other".equals(family)) {
			return unknown;
		}
		return major == null ? family : family + " " + major;
	}

	private static String deviceType(Client client, String userAgent) {
		String device = client.device.family == null ? "" : client.device.family.toLowerCase(Locale.ROOT);
		String os = client.os.family == null ? "" : client.os.family.toLowerCase(Locale.ROOT);
		String agent = userAgent.toLowerCase(Locale.ROOT);
		if ("spider".equals(device) || agent.contains("bot") || agent.contains("crawler")) {
			return "bot";
		}
		if (TABLETS.stream().anyMatch(device::contains) || (os.equals("android") && !agent.contains("mobile"))) {
			return "tablet";
		}
		if (os.equals("ios") || os.equals("android") || agent.contains("mobile")) {
			return "mobile";
		}
		if (os.isEmpty() || os.equals("other")) {
			return "unknown";
		}
		return "desktop";
	}

}
