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
import java.time.format.FormatStyle;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;
import org.thymeleaf.templateresolver.FileTemplateResolver;

import org.springframework.stereotype.Component;
import org.jspecify.annotations.Nullable;

/**
 * Renders the mail templates with Thymeleaf: HTML (escaped) and plain text (as is,
 * {@code [(...)]}) from the same data, in the recipient's language when there is a
 * version in it (English otherwise, template by template). Built in: English and German
 * ({@code mail/de/}). Operators' files in {@code WARDEN_TEMPLATES_DIR} win over the
 * built-in ones, and a sub-directory named for a language ({@code fr/}) adds that
 * language. Every template is rendered once in every language with its sample data at
 * start-up, so a broken override stops the service with a clear message instead of
 * failing at the first real mail.
 * <p>
 * Every value shown is one line: line breaks and other control characters in the data,
 * the name and the subject become spaces, so no value can add a line to the text part or
 * a header. Instants in the data are shown in the reader's language as
 * {@code ${dates['key']}} (a day) or {@code ${times['key']}} (day and time), never raw.
 */
@Component
public class MailRenderer {

	private static final Logger log = LoggerFactory.getLogger(MailRenderer.class);

	private static final String ENGLISH = "en";

	/**
	 * Languages whose templates ship in the jar, besides English at the top of
	 * {@code mail/}.
	 */
	private static final List<String> BUILT_IN = List.of("de");

	private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMMM yyyy 'at' HH:mm 'UTC'",
			Locale.ENGLISH);

	private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH);

	private final @Nullable Path directory;

	private final TemplateEngine html;

	private final TemplateEngine text;

	/**
	 * Subjects by language; English is complete, the others fall back to it key by key.
	 */
	private final Map<String, Properties> subjects = new LinkedHashMap<>();

	/** "de/password-changed" and so on: the translated versions that exist. */
	private final Set<String> translated = new TreeSet<>();

	MailRenderer(TemplateProperties properties) {
		this.directory = properties.dir().isEmpty() ? null : Path.of(properties.dir());
		this.html = engine(this.directory, TemplateMode.HTML, ".html");
		this.text = engine(this.directory, TemplateMode.TEXT, ".txt");
		for (String language : discoverLanguages()) {
			String prefix = ENGLISH.equals(language) ? "" : language + "/";
			Properties loaded = new Properties();
			InputStream builtIn = MailRenderer.class.getResourceAsStream("/mail/" + prefix + "subjects.properties");
			if (builtIn != null) {
				load(loaded, builtIn);
			}
			Path override = this.directory == null ? null : this.directory.resolve(prefix + "subjects.properties");
			if (override != null && Files.isRegularFile(override)) {
				try {
					load(loaded, Files.newInputStream(override));
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			}
			this.subjects.put(language, loaded);
			if (!ENGLISH.equals(language)) {
				for (MailTemplate template : MailTemplates.ALL) {
					findTranslation(language, template.name());
				}
			}
		}
		for (String language : this.subjects.keySet()) {
			for (MailTemplate template : MailTemplates.ALL) {
				try {
					render(template, Locale.forLanguageTag(language), "Ada Lovelace",
							Instant.parse("2026-11-26T10:15:00Z"), template.sample());
				}
				catch (RuntimeException ex) {
					throw new IllegalStateException(
							"Mail template '" + template.name() + "' (" + language + ") does not render"
									+ (this.directory == null ? "" : " (overrides in " + this.directory + ")") + ": "
									+ ex.getMessage(),
							ex);
				}
			}
		}
		log.info("{} mail templates ready in {}{}", MailTemplates.ALL.size(), this.subjects.keySet(),
				this.directory == null ? "" : " (overrides from " + this.directory + ")");
	}

	/** The languages mails can be written in, English first. */
	public List<String> languages() {
		return List.copyOf(this.subjects.keySet());
	}

	/**
	 * Renders in {@code locale}'s language where this template has a version in it, in
	 * English otherwise.
	 */
	public RenderedMail render(MailTemplate template, @Nullable Locale locale, @Nullable String name, Instant when,
			@Nullable Map<String, Object> data) {
		String language = locale == null ? ENGLISH : locale.getLanguage();
		boolean translation = this.translated.contains(language + "/" + template.name());
		Locale used = translation ? Locale.forLanguageTag(language) : Locale.ENGLISH;
		String path = translation ? language + "/" + template.name() : template.name();
		Context context = new Context(used);
		String shownName = name == null ? "" : MailText.singleLine(name);
		context.setVariable("name", shownName.isBlank() ? "there" : shownName);
		context.setVariable("when", formatWhen(when, used));
		Map<String, Object> values = MailText.singleLineValues(data == null ? Map.of() : data);
		context.setVariable("data", values);
		context.setVariable("dates", MailText.instants(values, (instant) -> formatDate(instant, used)));
		context.setVariable("times", MailText.instants(values, (instant) -> formatWhen(instant, used)));
		String subject = this.subjects.getOrDefault(used.getLanguage(), new Properties())
			.getProperty(template.name(), this.subjects.getOrDefault(ENGLISH, new Properties())
				.getProperty(template.name(), template.name()));
		return new RenderedMail(MailText.singleLine(subject), this.html.process(path, context),
				this.text.process(path, context));
	}

	/** A day in the reader's language: "28 December 2026", "28. Dezember 2026". */
	private static String formatDate(Instant instant, Locale locale) {
		if (ENGLISH.equals(locale.getLanguage())) {
			return DAY.format(instant.atOffset(ZoneOffset.UTC));
		}
		return DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG)
			.withLocale(locale)
			.format(instant.atZone(ZoneOffset.UTC));
	}

	private static String formatWhen(Instant when, Locale locale) {
		if (ENGLISH.equals(locale.getLanguage())) {
			return WHEN.format(when.atOffset(ZoneOffset.UTC));
		}
		return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.LONG, FormatStyle.SHORT)
			.withLocale(locale)
			.format(when.atZone(ZoneOffset.UTC)) + " UTC";
	}

	private List<String> discoverLanguages() {
		Set<String> languages = new TreeSet<>(BUILT_IN);
		if (this.directory != null && Files.isDirectory(this.directory)) {
			try (Stream<Path> entries = Files.list(this.directory)) {
				entries.filter(Files::isDirectory)
					.map((entry) -> entry.getFileName().toString())
					.filter((entry) -> entry.matches("[a-z]{2,3}"))
					.forEach(languages::add);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		languages.remove(ENGLISH);
		List<String> ordered = new java.util.ArrayList<>();
		ordered.add(ENGLISH);
		ordered.addAll(languages);
		return ordered;
	}

	/**
	 * Notes a translated version; one with only its HTML or only its text part is a
	 * configuration error.
	 */
	private void findTranslation(String language, String name) {
		String path = language + "/" + name;
		boolean hasHtml = exists(path + ".html");
		boolean hasText = exists(path + ".txt");
		if (hasHtml != hasText) {
			throw new IllegalStateException("Mail template '" + name + "' (" + language + ") needs both " + name
					+ ".html and " + name + ".txt; only " + (hasHtml ? "the HTML" : "the text") + " is there");
		}
		if (hasHtml) {
			this.translated.add(path);
		}
	}

	private boolean exists(String relative) {
		return MailRenderer.class.getResource("/mail/" + relative) != null
				|| (this.directory != null && Files.isRegularFile(this.directory.resolve(relative)));
	}

	private static TemplateEngine engine(@Nullable Path directory, TemplateMode mode, String suffix) {
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
