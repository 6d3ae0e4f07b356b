package dev.warden.auth.session;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Where a request came from, as the gateway saw it: the gateway strips any {@code X-Warden-*} header a client
 * sends and sets {@code X-Warden-Client-Ip} itself, so the value cannot be forged through the gateway.
 */
public record ClientInfo(String ip, String userAgent) {

	public static final String CLIENT_IP_HEADER = "X-Warden-Client-Ip";

	private static final int MAX_USER_AGENT = 1024;

	public static ClientInfo of(HttpServletRequest request) {
		String ip = request.getHeader(CLIENT_IP_HEADER);
		if (ip == null || ip.isBlank() || ip.length() > 64) {
			ip = request.getRemoteAddr();
		}
		String userAgent = request.getHeader("User-Agent");
		if (userAgent != null && userAgent.length() > MAX_USER_AGENT) {
			userAgent = userAgent.substring(0, MAX_USER_AGENT);
		}
		return new ClientInfo(ip, userAgent);
	}
}
