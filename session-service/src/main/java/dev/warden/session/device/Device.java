package dev.warden.session.device;

/**
 * What a user agent string says about the device, for people to recognise their sessions.
 *
 * @param browser e.g. "Chrome 120"
 * @param os e.g. "Windows 10"
 * @param deviceType {@code desktop}, {@code mobile}, {@code tablet}, {@code bot} or
 * {@code unknown}
 */
public record Device(String browser, String os, String deviceType) {

	/**
	 * A stable, non-identifying fingerprint of the device kind, for "new sign-in from a
	 * device not seen before".
	 */
	public String fingerprint() {
		return stripVersion(this.browser) + "|" + stripVersion(this.os) + "|" + this.deviceType;
	}

	private static String stripVersion(String name) {
		int space = name.lastIndexOf(' ');
		return (space > 0 && Character.isDigit(name.charAt(space + 1))) ? name.substring(0, space) : name;
	}
}
