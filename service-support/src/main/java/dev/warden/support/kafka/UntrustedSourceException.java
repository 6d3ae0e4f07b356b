package dev.warden.support.kafka;

/**
 * An event whose CloudEvents {@code source} is not the service that owns the topic it was
 * read from, or whose type that service does not publish: believing it would let one
 * service speak for another (a forged {@code password.changed} ending sessions), so it is
 * dead-lettered at once with this reason, like any other record that cannot be handled.
 */
public class UntrustedSourceException extends MalformedEventException {

	public UntrustedSourceException(String topic, String source) {
		super("source " + printable(source) + " does not own " + topic);
	}

	/** An event whose type its topic's owner does not publish. */
	public UntrustedSourceException(String topic, String source, String type) {
		super("type " + printable(type) + " is not published on " + topic + " (source " + printable(source) + ")");
	}

	/**
	 * The claimed source is attacker-chosen text: keep the reason short and on one line.
	 */
	private static String printable(String source) {
		String shown = source.length() > 80 ? source.substring(0, 80) + "…" : source;
		return "'" + shown.replaceAll("\\p{Cntrl}", "?") + "'";
	}

}
