package io.cnnhomework.grader.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cnnhomework.grader.Fixtures;
import io.cnnhomework.grader.Fixtures.Mutation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Submissions that end the JVM, loop forever, hang the description of what they threw, write to
 * the terminal, recurse deeply or break the contract, graded by the CLI's real entry point in a
 * child JVM (a System.exit would end this one): each ends within its limits, with the exit status
 * its grading decides (never one the submission chose), and nothing it wrote reaches the terminal
 * raw.
 */
class HostileSubmissionsTest {

    static Stream<Mutation> mutations() {
        return Fixtures.hostile().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mutations")
    void graderSurvivesAndReportsTheMisbehaviour(Mutation mutation, @TempDir Path tmp) throws IOException, InterruptedException {
        Path submission = mutation.materialise(tmp.resolve("submission"));
        Path stdout = tmp.resolve("stdout.txt");
        Path stderr = tmp.resolve("stderr.txt");
        Process process = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Djava.awt.headless=true", GraderCli.class.getName(),
                "grade", "--optional", "off", "--submission", submission.toString(), "--reference", Fixtures.referenceDir().toString(),
                "--timeout", "1", "--compile-timeout", "10", "--lang", "en"))
                .redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();

        boolean finished = process.waitFor(300, TimeUnit.SECONDS);
        if (!finished) {
            process.destroyForcibly();
        }

        assertTrue(finished, mutation.name() + ": the grader did not finish");
        String output = Files.readString(stdout, StandardCharsets.UTF_8) + Files.readString(stderr, StandardCharsets.UTF_8);
        assertEquals(mutation.exit(), process.exitValue(), output);
        assertTrue(output.contains(mutation.message()), mutation.description() + "\n" + output);
        assertFalse(output.chars().anyMatch(c -> c == 0x1b || c == '\r'), "a control character reached the terminal:\n" + output);
    }
}
