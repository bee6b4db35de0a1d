package io.cnnhomework.grader.messages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every message uses the glossary's words: no variant the glossary ({@code GLOSSARY.md}) lists
 * appears in either bundle, in the handout's README or in the template's Russian text.
 */
class GlossaryTest {

    private static final Pattern VARIANT = Pattern.compile("`([^`]+)`");
    private static final Path HANDOUT_README = Path.of("src/main/resources/io/cnnhomework/grader/handout/README.md.tmpl");
    private static final Path TEMPLATE = Path.of("../student-template/src/main/java/homework");

    /** A variant not to use, as the glossary lists it. */
    record Variant(String text, String term) {

        boolean foundIn(String message) {
            // capitals are matched as written: ОШИБКА the status, not ошибка the error
            return text.equals(text.toUpperCase(Locale.ROOT)) && !text.equals(text.toLowerCase(Locale.ROOT))
                    ? message.contains(text)
                    : message.toLowerCase(Locale.ROOT).contains(text.toLowerCase(Locale.ROOT));
        }
    }

    /** @return the variants of one language, read from the glossary's table */
    static List<Variant> variants(Locale locale) {
        List<Variant> variants = new ArrayList<>();
        int column = locale.equals(Messages.RUSSIAN) ? 2 : 3;
        for (String line : glossary().lines().toList()) {
            if (!line.startsWith("|") || line.startsWith("|---") || line.startsWith("| English")) {
                continue;
            }
            String[] cells = line.substring(1).split("(?<!\\\\)\\|", -1);
            assertTrue(cells.length >= 4, "a glossary row has four columns: " + line);
            Matcher variant = VARIANT.matcher(cells[column]);
            while (variant.find()) {
                variants.add(new Variant(variant.group(1), cells[0].strip()));
            }
        }
        return variants;
    }

    private static String glossary() {
        try (InputStream in = Messages.class.getResourceAsStream("GLOSSARY.md")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, String> bundle(Locale locale) {
        Properties properties = MessagesTest.file(locale);
        Map<String, String> messages = new TreeMap<>();
        properties.stringPropertyNames().forEach(key -> messages.put(key, properties.getProperty(key)));
        return messages;
    }

    /**
     * @param texts where each text is (a key, a file and line), mapped to what it says
     * @return one line per variant found, naming where
     */
    private static List<String> offences(Map<String, String> texts, List<Variant> variants) {
        List<String> offences = new ArrayList<>();
        texts.forEach((where, text) -> {
            for (Variant variant : variants) {
                if (variant.foundIn(text)) {
                    offences.add(where + " says \"" + variant.text() + "\"; the glossary's word for " + variant.term() + " is meant");
                }
            }
        });
        return offences;
    }

    @Test
    void theGlossaryListsVariantsInBothLanguagesForTheTermsTheIssueNamed() {
        List<String> russian = variants(Messages.RUSSIAN).stream().map(Variant::text).toList();
        assertTrue(russian.containsAll(List.of("батч", "суммарная погрешность", "ошибка на обучении", "ОШИБКА")), russian.toString());
        assertFalse(variants(Locale.ENGLISH).isEmpty());
    }

    @Test
    void noMessageOfEitherBundleUsesAVariantTheGlossaryRules() {
        for (Locale locale : Messages.SUPPORTED) {
            assertEquals(List.of(), offences(bundle(locale), variants(locale)), locale.toString());
        }
    }

    @Test
    void theHandoutReadmeAndTheTemplatesRussianTextUseTheGlossarysWords() throws IOException {
        Map<String, String> texts = new LinkedHashMap<>();
        List<String> readme = Files.readAllLines(HANDOUT_README, StandardCharsets.UTF_8);
        for (int i = 0; i < readme.size(); i++) {
            texts.put(HANDOUT_README.getFileName() + ":" + (i + 1), readme.get(i));
        }
        try (Stream<Path> files = Files.list(TEMPLATE)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                for (int i = 0; i < lines.size(); i++) {
                    texts.put(file.getFileName() + ":" + (i + 1), lines.get(i));
                }
            }
        }
        assertEquals(List.of(), offences(texts, variants(Messages.RUSSIAN)));
    }

    @Test
    void aVariantIsCaughtAndNamedWithItsKey() {
        Map<String, String> messages = Map.of("report.header.batch", "размер Батча", "report.status.fail", "ОШИБКА",
                "failure.compile-error", "ошибок 2; первая ошибка: …");
        List<String> offences = offences(new TreeMap<>(messages), variants(Messages.RUSSIAN));
        assertEquals(2, offences.size(), offences.toString());
        assertTrue(offences.get(0).startsWith("report.header.batch says \"батч\""), offences.toString());
        assertTrue(offences.get(1).startsWith("report.status.fail says \"ОШИБКА\""), offences.toString());
    }
}
