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
 * <p>A message that shows values of the reference (PyTorch's loss at an epoch, an expected tensor
 * element) carries its own wording without them, for the students of a private reference set:
 * {@code Text.of("task.departure", ...).withoutReference(Text.of("task.departure.hidden", ...))}.
 * {@link #withoutReferenceValues()} puts those wordings in place throughout a message, nested
 * messages included: the one place where a private set's values are taken out of messages.
 *
 * @param key the bundle key
 * @param args the arguments, {@link String} or {@code Text}
 * @param withheld the same message without the reference's values, or {@code null} when this one
 *     shows none
 */
public record Text(String key, List<Object> args, Text withheld) {

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
     * A message that shows no values of the reference.
     *
     * @param key the bundle key
     * @param args the arguments, {@link String} or {@code Text}
     */
    public Text(String key, List<Object> args) {
        this(key, args, null);
    }

    /**
     * @param wording this message without the reference's values: PyTorch's numbers left out,
     *     differences rounded ({@link #rounded(double)})
     * @return this message, marked as showing values of the reference
     */
    public Text withoutReference(Text wording) {
        return new Text(key, args, Objects.requireNonNull(wording, "wording"));
    }

    /**
     * @return this message as the students of a private reference set may read it: every message
     *     in it that shows values of the reference replaced by its wording without them
     */
    public Text withoutReferenceValues() {
        if (withheld != null) {
            return withheld.withoutReferenceValues();
        }
        List<Object> safe = new ArrayList<>(args.size());
        boolean changed = false;
        for (Object arg : args) {
            Object replaced = arg instanceof Text nested ? nested.withoutReferenceValues() : arg;
            changed |= replaced != arg;
            safe.add(replaced);
        }
        return changed ? new Text(key, safe) : this;
    }

    /**
     * @param difference a difference from a value of the reference
     * @return it with two significant digits: enough to say how far off a result is, too few to
     *     recover the reference's value from it and the submission's own to within any tolerance
     *     the grader uses
     */
    public static String rounded(double difference) {
        if (!Double.isFinite(difference)) {
            return Double.toString(difference);
        }
        return String.format(Locale.ROOT, "%.2g", difference);
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
