package io.cnnhomework.grader.messages;

import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * Renders {@link Text} from the {@code messages} bundles and picks the language.
 *
 * <p>The language comes from {@code --lang} or the system property {@value #LANG_PROPERTY}
 * ({@code ru} or {@code en}); without either, Russian when the JVM's default locale is Russian,
 * else English.
 */
public final class Messages {

    /** System property that chooses the language. */
    public static final String LANG_PROPERTY = "grader.lang";

    /** Russian. */
    public static final Locale RUSSIAN = Locale.forLanguageTag("ru");

    /** The languages every message exists in. */
    public static final List<Locale> SUPPORTED = List.of(Locale.ENGLISH, RUSSIAN);

    private static final String BUNDLE = "io.cnnhomework.grader.messages.messages";

    private Messages() {
    }

    /**
     * @param lang {@code ru}, {@code en}, or {@code null} for the default
     * @return the locale
     * @throws IllegalArgumentException for any other language
     */
    public static Locale language(String lang) {
        if (lang == null || lang.isBlank()) {
            String property = System.getProperty(LANG_PROPERTY);
            if (property != null && !property.isBlank()) {
                return language(property);
            }
            return "ru".equals(Locale.getDefault().getLanguage()) ? RUSSIAN : Locale.ENGLISH;
        }
        return switch (lang.strip().toLowerCase(Locale.ROOT)) {
            case "ru" -> RUSSIAN;
            case "en" -> Locale.ENGLISH;
            default -> throw new IllegalArgumentException("language " + lang + " is not supported; use ru or en");
        };
    }

    /**
     * @param locale a supported language
     * @return its bundle, with no fallback to the JVM's default locale
     */
    public static ResourceBundle bundle(Locale locale) {
        return ResourceBundle.getBundle(BUNDLE, locale, ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    static String render(Text text, Locale locale) {
        String pattern;
        try {
            pattern = bundle(locale).getString(text.key());
        } catch (MissingResourceException e) {
            return text.key() + text.args();
        }
        Object[] args = text.args().stream().map(arg -> arg instanceof Text nested ? nested.render(locale) : arg).toArray();
        return new MessageFormat(pattern, locale).format(args);
    }
}
