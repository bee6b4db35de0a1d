package io.cnnhomework.grader.handout;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A text resource of this package with {@code {{name}}} placeholders. The braces keep clear of
 * Maven's {@code ${...}}, which the handout's pom uses for its own, build-time properties.
 */
final class Template {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([A-Za-z0-9._-]+)}}");

    private Template() {
    }

    /**
     * @param resource the resource's name beside this class
     * @param values what each placeholder becomes
     * @return the text with every placeholder replaced
     * @throws IllegalStateException when the resource is missing or names a placeholder without a value
     */
    static String render(String resource, Map<String, String> values) {
        String text = read(resource);
        Matcher matcher = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (matcher.find()) {
            String value = values.get(matcher.group(1));
            if (value == null) {
                throw new IllegalStateException("template " + resource + " uses {{" + matcher.group(1)
                        + "}}, which has no value; known: " + values.keySet());
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private static String read(String resource) {
        try (InputStream in = Template.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("resource " + resource + " is missing beside " + Template.class.getName());
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
