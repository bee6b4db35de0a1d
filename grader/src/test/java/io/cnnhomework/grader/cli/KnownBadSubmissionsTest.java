package io.cnnhomework.grader.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cnnhomework.grader.Fixtures;
import io.cnnhomework.grader.Fixtures.Mutation;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every deliberate mistake fails exactly the layer checks and tasks it should, through the real
 * CLI, and shows its hint (on a layer check, or on task 3 for its prepared data) in both languages.
 */
class KnownBadSubmissionsTest {

    static Stream<Mutation> mutations() {
        return Fixtures.knownBad().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mutations")
    void knownBadSubmissionFailsExactlyItsChecksAndTasks(Mutation mutation, @TempDir Path tmp) throws IOException {
        Path submission = mutation.materialise(tmp.resolve("submission"));

        // a mistake only in the optional task leaves tasks 1-3 passing: exit 0
        int exit = mutation.exit() >= 0 ? mutation.exit() : GraderCli.EXIT_FAILED;
        JsonNode english = grade(submission, tmp.resolve("en.json"), "en", exit);
        JsonNode russian = grade(submission, tmp.resolve("ru.json"), "ru", exit);

        assertEquals(mutation.fails(), failed(english.get("tasks"), "id"), mutation.description());
        assertEquals(mutation.checks(), failed(english.get("checks"), "name"), mutation.description());
        List<String> messages = new ArrayList<>();
        for (String section : List.of("checks", "tasks")) {
            for (JsonNode node : english.get(section)) {
                if (!node.get("passed").asBoolean()) {
                    messages.add(node.get("message").asText());
                    if (node.hasNonNull("hint")) {
                        messages.add(node.get("hint").asText());
                    }
                    assertFalse(node.get("message").asText().contains("\n"), node.toString());
                }
            }
        }
        if (mutation.noDivergence()) {
            for (JsonNode task : english.get("tasks")) {
                assertFalse(task.has("divergence"), "the training curve matches, no divergence to show: " + task);
            }
        }
        if (mutation.message() != null) {
            assertTrue(messages.stream().anyMatch(m -> m.contains(mutation.message())),
                    "no message contains '" + mutation.message() + "': " + messages);
        }
        if (mutation.hint() != null) {
            String englishHint = hintText(english, mutation.hint());
            String russianHint = hintText(russian, mutation.hint());
            assertFalse(englishHint.startsWith("hint."), englishHint);
            assertFalse(russianHint.startsWith("hint."), russianHint);
            assertNotEquals(englishHint, russianHint, "the Russian hint must be translated");
            assertTrue(russianHint.matches("(?s).*[А-Яа-яЁё]{4,}.*"), "the Russian hint must be in Russian: " + russianHint);
        }
    }

    private static JsonNode grade(Path submission, Path json, String language, int exit) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = GraderCli.run(List.of("grade", "--optional", "off", "--submission", submission.toString(), "--reference",
                Fixtures.referenceDir().toString(), "--json", json.toString(), "--lang", language),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(exit, status, out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8));
        assertEquals("", err.toString(StandardCharsets.UTF_8));
        return new ObjectMapper().readTree(json.toFile());
    }

    private static Set<String> failed(JsonNode nodes, String idField) {
        Set<String> failed = new TreeSet<>();
        nodes.forEach(node -> {
            if (!node.get("passed").asBoolean()) {
                failed.add(node.get(idField).asText());
            }
        });
        return failed;
    }

    /** The hint's text on a failing layer check or, for a mistake in task 3's loop, on a task. */
    private static String hintText(JsonNode report, String hintId) {
        for (String section : List.of("checks", "tasks")) {
            for (JsonNode node : report.get(section)) {
                if (node.hasNonNull("hint_id") && hintId.equals(node.get("hint_id").asText())) {
                    return node.get("hint").asText();
                }
            }
        }
        throw new AssertionError("no check or task shows hint " + hintId + ": " + report.get("checks") + report.get("tasks"));
    }
}
