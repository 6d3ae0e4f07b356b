package dev.warden.auth.user;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Users' languages as BCP 47 tags ("de", "de-AT", "pt-BR"), kept in their canonical
 * spelling.
 */
public final class Locales {

	/**
	 * A language subtag and optional script/region/variant subtags; refuses anything else
	 * before parsing.
	 */
	public static final String PATTERN = "[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8}){0,3}";

	private Locales() {
	}

	/**
	 * The canonical tag, or {@code null} for none (English); {@code tag} must match
	 * {@link #PATTERN}.
	 */
	public static @Nullable String canonical(@Nullable String tag) {
		if (tag == null || tag.isBlank()) {
			return null;
		}
		return Locale.forLanguageTag(tag).toLanguageTag();
	}

}
