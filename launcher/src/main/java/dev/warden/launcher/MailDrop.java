package dev.warden.launcher;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.warden.infra.SmtpSink;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes every mail the SMTP sink accepted to {@code
 *
<dir>
 * /NNNN.eml}, so people can open what Warden sent with any mail client or text editor.
 */
final class MailDrop implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(MailDrop.class);

	private final SmtpSink smtp;

	private final Path directory;

	private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "mail-drop");
		thread.setDaemon(true);
		return thread;
	});

	/** Files already in the directory, so numbering continues across runs. */
	private int written;

	private int capturedThisRun;

	MailDrop(SmtpSink smtp, Path directory) throws IOException {
		this.smtp = smtp;
		this.directory = Files.createDirectories(directory);
		try (var existing = Files.list(directory)) {
			this.written = (int) existing.filter((file) -> file.toString().endsWith(".eml")).count();
		}
		this.scheduler.scheduleWithFixedDelay(this::drain, 1, 1, TimeUnit.SECONDS);
	}

	private synchronized void drain() {
		List<MimeMessage> received = this.smtp.received();
		while (this.capturedThisRun < received.size()) {
			write(received.get(this.capturedThisRun));
			this.capturedThisRun++;
		}
	}

	private void write(MimeMessage message) {
		this.written++;
		Path file = this.directory.resolve(String.format("%04d.eml", this.written));
		try (OutputStream out = Files.newOutputStream(file)) {
			message.writeTo(out);
			log.info("Captured mail {}", file.getFileName());
		}
		catch (IOException | MessagingException ex) {
			log.warn("Could not write captured mail {}: {}", file, ex.getMessage());
		}
	}

	@Override
	public void close() {
		this.scheduler.shutdownNow();
	}

}
