package io.cnnhomework.grader.submission;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** What every stub of the template throws, read from its sources as a student receives them. */
public final class TemplateStubTexts {

    /** The template's sources, seen from the grader module. */
    public static final Path TEMPLATE = Path.of("../student-template/src/main/java/homework");

    private static final Pattern THROW = Pattern.compile("throw new UnsupportedOperationException\\((.*?)\\);", Pattern.DOTALL);
    private static final Pattern LITERAL = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");

    private TemplateStubTexts() {
    }

    /**
     * @return the message of every {@code throw new UnsupportedOperationException("…")} in the
     *     template's homework package, string literals joined as Java joins them
     * @throws IOException if the template cannot be read
     */
    public static List<String> all() throws IOException {
        List<String> messages = new ArrayList<>();
        try (Stream<Path> files = Files.list(TEMPLATE)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                Matcher thrown = THROW.matcher(Files.readString(file, StandardCharsets.UTF_8));
                while (thrown.find()) {
                    StringBuilder message = new StringBuilder();
                    Matcher literal = LITERAL.matcher(thrown.group(1));
                    while (literal.find()) {
                        message.append(literal.group(1).replace("\\\"", "\"").replace("\\\\", "\\"));
                    }
                    messages.add(message.toString());
                }
            }
        }
        return messages;
    }
}
