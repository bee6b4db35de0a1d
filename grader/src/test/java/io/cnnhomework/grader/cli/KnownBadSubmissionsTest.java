package io.cnnhomework.grader.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every deliberate mistake fails exactly the tasks it should, through the real CLI. */
class KnownBadSubmissionsTest {

    static Stream<Mutation> mutations() {
        return Fixtures.knownBad().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mutations")
    void knownBadSubmissionFailsExactlyItsTasks(Mutation mutation, @TempDir Path tmp) throws IOException {
        Path submission = mutation.materialise(tmp.resolve("submission"));
        Path json = tmp.resolve("report.json");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int status = GraderCli.run(List.of("grade", "--submission", submission.toString(), "--reference",
                Fixtures.referenceDir().toString(), "--json", json.toString()),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

        // A mistake with no task to fail is a documented blind spot of the seed's rule.
        int expectedStatus = mutation.fails().isEmpty() ? GraderCli.EXIT_PASSED : GraderCli.EXIT_FAILED;
        assertEquals(expectedStatus, status, err.toString(StandardCharsets.UTF_8));
        JsonNode report = new ObjectMapper().readTree(json.toFile());
        Set<String> failed = new TreeSet<>();
        for (JsonNode task : report.get("tasks")) {
            if (!task.get("passed").asBoolean()) {
                failed.add(task.get("id").asText());
                assertFalse(task.get("message").asText().isBlank(), task.toString());
                assertFalse(task.get("message").asText().contains("\n"), task.toString());
            }
        }
        assertEquals(mutation.fails(), failed, mutation.description() + "\n" + out.toString(StandardCharsets.UTF_8));
        assertTrue(err.toString(StandardCharsets.UTF_8).isEmpty(), err.toString(StandardCharsets.UTF_8));
    }
}
