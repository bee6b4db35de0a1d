package io.cnnhomework.grader.messages;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A message not yet put into words: a key of the {@code messages} bundle and its arguments. An
 * argument is a {@link String} (numbers arrive formatted, so that both languages print them alike)
 * or a nested {@code Text}, rendered in the same language.
 *
 * @param key the bundle key
 * @param args the arguments, {@link String} or {@code Text}
 */
public record Text(String key, List<Object> args) {

    /** Keeps the arguments to the two allowed kinds. */
    public Text {
        Objects.requireNonNull(key, "key");
        for (Object arg : args) {
            if (!(arg instanceof String) && !(arg instanceof Text)) {
                throw new IllegalArgumentException("argument of " + key + " must be a String or a Text: " + arg);
            }
        }
        args = List.copyOf(args);
    }

    /**
     * @param key the bundle key
     * @param args arguments: {@code Text} stays as it is; anything else becomes its string form
     *     ({@code null} becomes {@code "null"})
     * @return the text
     */
    public static Text of(String key, Object... args) {
        List<Object> converted = new ArrayList<>(args.length);
        for (Object arg : args) {
            converted.add(arg instanceof Text ? arg : String.valueOf(arg));
        }
        return new Text(key, converted);
    }

    /**
     * @param locale the language
     * @return the message in that language
     */
    public String render(Locale locale) {
        return Messages.render(this, locale);
    }

    /** @return the message in English, for logs and assertion messages */
    @Override
    public String toString() {
        return render(Locale.ENGLISH);
    }
}
