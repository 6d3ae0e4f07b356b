package dev.warden.notification.template;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;
import org.thymeleaf.templateresolver.FileTemplateResolver;

import org.springframework.stereotype.Component;

/**
 * Renders the mail templates with Thymeleaf: HTML (escaped) and plain text from the same data. Operators'
 * files in {@code WARDEN_TEMPLATES_DIR} win over the built-in ones. Every template is rendered once with its
 * sample data at start-up, so a broken override stops the service with a clear message instead of failing at
 * the first real mail.
 */
@Component
public class MailRenderer {

	private static final Logger log = LoggerFactory.getLogger(MailRenderer.class);

	private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMMM yyyy 'at' HH:mm 'UTC'",
			Locale.ENGLISH);

	private final TemplateEngine html;

	private final TemplateEngine text;

	private final Properties subjects = new Properties();

	MailRenderer(TemplateProperties properties) {
		Path directory = properties.dir().isEmpty() ? null : Path.of(properties.dir());
		this.html = engine(directory, TemplateMode.HTML, ".html");
		this.text = engine(directory, TemplateMode.TEXT, ".txt");
		load(this.subjects, MailRenderer.class.getResourceAsStream("/mail/subjects.properties"));
		if (directory != null && Files.isRegularFile(directory.resolve("subjects.properties"))) {
			try (InputStream in = Files.newInputStream(directory.resolve("subjects.properties"))) {
				load(this.subjects, in);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		for (MailTemplate template : MailTemplates.ALL) {
			try {
				render(template, "Ada Lovelace", Instant.parse("2026-11-26T10:15:00Z"), template.sample());
			}
			catch (RuntimeException ex) {
				throw new IllegalStateException("Mail template '" + template.name() + "' does not render"
						+ (directory == null ? "" : " (overrides in " + directory + ")") + ": " + ex.getMessage(), ex);
			}
		}
		log.info("{} mail templates ready{}", MailTemplates.ALL.size(),
				directory == null ? "" : " (overrides from " + directory + ")");
	}

	public RenderedMail render(MailTemplate template, String name, Instant when, Map<String, Object> data) {
		Context context = new Context(Locale.ENGLISH);
		context.setVariable("name", name == null || name.isBlank() ? "there" : name);
		context.setVariable("when", WHEN.format(when.atOffset(ZoneOffset.UTC)));
		context.setVariable("data", data);
		String subject = this.subjects.getProperty(template.name(), template.name());
		return new RenderedMail(subject, this.html.process(template.name(), context),
				this.text.process(template.name(), context));
	}

	private static TemplateEngine engine(Path directory, TemplateMode mode, String suffix) {
		SpringTemplateEngine engine = new SpringTemplateEngine();
		ClassLoaderTemplateResolver builtIn = new ClassLoaderTemplateResolver();
		builtIn.setPrefix("mail/");
		builtIn.setSuffix(suffix);
		builtIn.setTemplateMode(mode);
		builtIn.setCharacterEncoding("UTF-8");
		builtIn.setOrder(2);
		builtIn.setCheckExistence(true);
		engine.addTemplateResolver(builtIn);
		if (directory != null) {
			FileTemplateResolver override = new FileTemplateResolver();
			override.setPrefix(directory.toAbsolutePath() + "/");
			override.setSuffix(suffix);
			override.setTemplateMode(mode);
			override.setCharacterEncoding("UTF-8");
			override.setOrder(1);
			override.setCheckExistence(true);
			override.setCacheable(false);
			engine.addTemplateResolver(override);
		}
		return engine;
	}

	private static void load(Properties properties, InputStream in) {
		try (Reader reader = new java.io.InputStreamReader(in, StandardCharsets.UTF_8)) {
			properties.load(reader);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}
}
