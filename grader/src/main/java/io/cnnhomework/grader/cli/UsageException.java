package io.cnnhomework.grader.cli;

import java.util.Arrays;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * The command line or its input is wrong; the message says how, in one line. Most are keyed in
 * the {@code usage} bundles ({@link #of}) and read in the user's language; the rest carry a
 * message from the code that found the fault (a line of a CSV file), in English.
 */
final class UsageException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String key;
    private final transient Object[] args;

    UsageException(String message) {
        super(message);
        this.key = null;
        this.args = new Object[0];
    }

    private UsageException(String key, Object[] args) {
        super(UsageErrors.text(Commands.bundle(Locale.ENGLISH), key, args));
        this.key = key;
        this.args = args;
    }

    /**
     * @param key a key of the {@code usage} bundles, {@code error.*}
     * @param args its values; shown with {@code String.valueOf}, not as localised numbers
     * @return the error
     */
    static UsageException of(String key, Object... args) {
        return new UsageException(key, Arrays.stream(args).map(String::valueOf).toArray());
    }

    /**
     * @param bundle the {@code usage} bundle of the user's language
     * @return the message in it
     */
    String message(ResourceBundle bundle) {
        return key == null ? getMessage() : UsageErrors.text(bundle, key, args);
    }
}
