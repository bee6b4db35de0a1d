package io.cnnhomework.grader.submission;

import io.cnnhomework.grader.messages.Messages;
import io.cnnhomework.grader.messages.Text;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises the template's stubs by what they throw, so that their English text reaches the
 * report in the student's language. A stub says {@code "Conv.forward: convolve X …"} (a
 * constructor {@code "SGD(params, …): …"}); its leading {@code Class.method} names the bundle
 * message {@code stub.Conv.forward}, whose English wording is the stub's text word for word. Only
 * an exact match is replaced: a student's own message that merely starts alike stays as written.
 */
public final class StubMessages {

    /** Prefix of the stubs' keys in the {@code messages} bundles. */
    public static final String KEY_PREFIX = "stub.";

    private static final Pattern LEADING = Pattern.compile("^([A-Za-z][A-Za-z0-9]*(?:\\.[A-Za-z][A-Za-z0-9]*)?)(?:\\([^)]*\\))?: ");

    private StubMessages() {
    }

    /**
     * @param message what an {@link UnsupportedOperationException} said
     * @return the key of the stub that says exactly this ({@code stub.Conv.forward}), or
     *     {@code null} when no stub of the template does
     */
    public static String key(String message) {
        Matcher leading = LEADING.matcher(message);
        if (!leading.find()) {
            return null;
        }
        String key = KEY_PREFIX + leading.group(1);
        try {
            Messages.bundle(Locale.ENGLISH).getString(key);
        } catch (MissingResourceException e) {
            return null;
        }
        return Text.of(key).render(Locale.ENGLISH).equals(message) ? key : null;
    }

    /**
     * @param message what an {@link UnsupportedOperationException} said
     * @return the stub's message, to be rendered in the student's language, or the message itself
     */
    static Object localised(String message) {
        String key = key(message);
        return key == null ? message : Text.of(key);
    }
}
