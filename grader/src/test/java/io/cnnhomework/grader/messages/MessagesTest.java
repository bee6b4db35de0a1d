package io.cnnhomework.grader.messages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cnnhomework.grader.submission.FailureKind;
import io.cnnhomework.grader.submission.StubMessages;
import io.cnnhomework.grader.submission.TemplateStubTexts;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Both languages are complete, every message the code names exists, and every message renders. */
class MessagesTest {

    /**
     * A bundle key in a string literal; file names such as "report.json", prefixes such as
     * "allure.category." and Allure's own system property are not keys.
     */
    private static final Pattern KEY_LITERAL = Pattern.compile(
            "\"((?:failure|contract|task|layer|compare|divergence|report|plot|allure|optional|hint)\\.[a-z0-9.-]+)"
                    + "(?<!\\.json|\\.csv|\\.txt|\\.png|\\.|allure\\.results\\.directory)\"");
    private static final Pattern HINT_ID = Pattern.compile("Hint\\.of\\(\"([a-z0-9-]+)\"");

    /** The keys of one language's own file: a bundle would also show its parent's (English) keys. */
    private static Set<String> keys(Locale locale) {
        return new TreeSet<>(file(locale).stringPropertyNames());
    }

    /** @return one language's own file, without the parent bundle's messages */
    static Properties file(Locale locale) {
        String file = "messages" + (locale.equals(Locale.ENGLISH) ? "" : "_" + locale.getLanguage()) + ".properties";
        Properties properties = new Properties();
        try (InputStream in = Messages.class.getResourceAsStream(file)) {
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(file, e);
        }
        return properties;
    }

    private static Set<String> keysNamedInCode() throws IOException {
        Set<String> named = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path file : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String source = Files.readString(file, StandardCharsets.UTF_8);
                Matcher key = KEY_LITERAL.matcher(source);
                while (key.find()) {
                    named.add(key.group(1));
                }
                Matcher hint = HINT_ID.matcher(source);
                while (hint.find()) {
                    named.add("hint." + hint.group(1));
                }
            }
        }
        for (FailureKind kind : FailureKind.values()) {
            named.add(kind.categoryKey());
        }
        // the stubs' messages are named by what the template's stubs throw
        for (String stub : TemplateStubTexts.all()) {
            String key = StubMessages.key(stub);
            named.add(key == null ? "stub for: " + stub : key);
        }
        return named;
    }

    @Test
    void everyFailureKindHasItsAllureCategoryInBothLanguages() {
        for (Locale locale : Messages.SUPPORTED) {
            for (FailureKind kind : FailureKind.values()) {
                assertTrue(keys(locale).contains(kind.categoryKey()), locale + ": no category for " + kind);
            }
        }
    }

    @Test
    void russianAndEnglishHaveTheSameKeys() {
        assertEquals(keys(Locale.ENGLISH), keys(Messages.RUSSIAN));
    }

    @Test
    void everyKeyTheCodeNamesExistsAndEveryMessageIsUsed() throws IOException {
        Set<String> named = keysNamedInCode();
        Set<String> defined = keys(Locale.ENGLISH);

        Set<String> missing = new TreeSet<>(named);
        missing.removeAll(defined);
        Set<String> unused = new TreeSet<>(defined);
        unused.removeAll(named);

        assertEquals(Set.of(), missing, "named in code but not in messages.properties");
        assertEquals(Set.of(), unused, "in messages.properties but named nowhere in the code");
    }

    @Test
    void everyMessageRendersInBothLanguagesWithAllItsArguments() {
        Object[] args = {"a0", "a1", "a2", "a3", "a4", "a5", "a6", "a7", "a8", "a9"};
        for (Locale locale : Messages.SUPPORTED) {
            for (String key : keys(locale)) {
                String rendered = Text.of(key, args).render(locale);
                assertFalse(rendered.contains("{") || rendered.contains("}"), locale + " " + key + ": " + rendered);
                assertFalse(rendered.startsWith(key), locale + " " + key + " is missing");
            }
        }
    }

    @Test
    void noMessageHasALoneApostropheWhichMessageFormatWouldSwallow() {
        for (Locale locale : Messages.SUPPORTED) {
            ResourceBundle bundle = Messages.bundle(locale);
            for (String key : keys(locale)) {
                assertFalse(bundle.getString(key).replace("''", "").contains("'"), locale + " " + key + ": " + bundle.getString(key));
            }
        }
    }

    @Test
    void russianMessagesAreTranslated() {
        ResourceBundle english = Messages.bundle(Locale.ENGLISH);
        ResourceBundle russian = Messages.bundle(Messages.RUSSIAN);
        for (String key : keys(Locale.ENGLISH)) {
            String value = english.getString(key);
            if (value.replaceAll("\\{\\d}", "").matches(".*[A-Za-z]{4,}.*") && !key.startsWith("report.status")) {
                assertNotEquals(value, russian.getString(key), key + " is not translated");
                assertTrue(russian.getString(key).matches("(?s).*[А-Яа-яЁё].*"), key + " has no Russian: " + russian.getString(key));
            }
        }
    }

    @Test
    void nestedTextRendersInTheSameLanguage() {
        Text text = Text.of("task.failed-after", Text.of("failure.timeout", "task1", "1.0"), 2, 10);

        assertEquals("task1 did not finish within 1.0 s (an endless loop?) (after 2 of 10 epochs)", text.render(Locale.ENGLISH));
        assertEquals("task1 не завершилось за 1.0 с (бесконечный цикл?) (после 2 из 10 эпох)", text.render(Messages.RUSSIAN));
    }

    @Test
    void languageComesFromTheOptionThenThePropertyThenTheLocale() {
        assertEquals(Messages.RUSSIAN, Messages.language("ru"));
        assertEquals(Locale.ENGLISH, Messages.language("EN"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Messages.language("de"));
        assertEquals("language de is not supported; use ru or en", e.getMessage());
        String saved = System.getProperty(Messages.LANG_PROPERTY);
        try {
            System.setProperty(Messages.LANG_PROPERTY, "ru");
            assertEquals(Messages.RUSSIAN, Messages.language(null));
        } finally {
            if (saved == null) {
                System.clearProperty(Messages.LANG_PROPERTY);
            } else {
                System.setProperty(Messages.LANG_PROPERTY, saved);
            }
        }
    }
}
