package dev.warden.infra;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;

/**
 * A real SMTP server (GreenMail) that accepts every mail and keeps it to be read by tests
 * or people.
 */
public final class SmtpSink implements AutoCloseable {

	private final GreenMail greenMail;

	private final int port;

	/**
	 * What was received before the server was last stopped: GreenMail forgets it, a
	 * mailbox would not.
	 */
	private final List<MimeMessage> beforeRestarts = new CopyOnWriteArrayList<>();

	private SmtpSink(GreenMail greenMail, int port) {
		this.greenMail = greenMail;
		this.port = port;
	}

	public static SmtpSink start(int port) {
		int chosen = FreePorts.orFree(port);
		GreenMail greenMail = new GreenMail(new ServerSetup(chosen, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
		greenMail.start();
		return new SmtpSink(greenMail, chosen);
	}

	public int port() {
		return this.port;
	}

	/**
	 * Every mail received since the start, also across {@link #stop()} and
	 * {@link #restart()}.
	 */
	public List<MimeMessage> received() {
		List<MimeMessage> all = new ArrayList<>(this.beforeRestarts);
		all.addAll(List.of(this.greenMail.getReceivedMessages()));
		return List.copyOf(all);
	}

	/**
	 * Stops accepting connections, for tests of what happens while the mail server is
	 * down.
	 */
	public synchronized void stop() {
		this.beforeRestarts.addAll(List.of(this.greenMail.getReceivedMessages()));
		this.greenMail.stop();
	}

	/** Accepts mail again on the same port after {@link #stop()}. */
	public void restart() {
		this.greenMail.start();
	}

	public GreenMail greenMail() {
		return this.greenMail;
	}

	@Override
	public void close() {
		this.greenMail.stop();
	}

}
