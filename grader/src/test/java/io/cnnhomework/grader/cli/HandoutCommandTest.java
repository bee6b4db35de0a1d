package io.cnnhomework.grader.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code scripts/grader handout}: its options, its default repository, and its errors as one line with exit 2. */
class HandoutCommandTest {

    @Test
    void outIsRequiredAndTheUsageShownIsHandoutsAlone() {
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();

        int status = GraderCli.run(List.of("handout"), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(stderr, true, StandardCharsets.UTF_8));

        List<String> lines = stderr.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(GraderCli.EXIT_ERROR, status);
        assertEquals("error: --out is required", lines.get(0));
        assertEquals("Usage: scripts/grader handout [-h] --out=DIR [--root=DIR]", lines.get(1));
        assertEquals("Help: scripts/grader handout --help", lines.get(2));
        assertEquals(3, lines.size(), lines.toString());
    }

    @Test
    void rootDefaultsToTheDirectoryAboveTheLaunchersReferenceSet() {
        assertEquals(Path.of("/course"), HandoutCommand.defaultRoot(null, "/course/reference-data"));
        assertEquals(Path.of("/elsewhere"), HandoutCommand.defaultRoot("/elsewhere", "/course/reference-data"));
        assertEquals(new HandoutCommand(Path.of("h"), Path.of("/r")),
                HandoutCommand.parse(GraderCliTest.given("handout", "--out", "h", "--root", "/r"), Path.of("repo")));
        assertEquals(new HandoutCommand(Path.of("h"), Path.of("repo")), HandoutCommand.parse(GraderCliTest.given("handout", "--out", "h"),
                Path.of("repo")));
    }

    @Test
    void handoutErrorIsOneLineWithExitTwo(@TempDir Path tmp) throws Exception {
        Path out = Files.createDirectories(tmp.resolve("busy"));
        Files.writeString(out.resolve("notes.txt"), "mine");
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();

        int status = GraderCli.run(List.of("handout", "--out", out.toString(), "--root", ".."),
                new PrintStream(stdout, true, StandardCharsets.UTF_8), new PrintStream(stderr, true, StandardCharsets.UTF_8));

        String error = stderr.toString(StandardCharsets.UTF_8).strip();
        assertEquals(GraderCli.EXIT_ERROR, status);
        // The tests load the grader from target/classes, so the jars are what it reports first.
        assertTrue(error.startsWith("error: the grader classes were loaded from "), error);
        assertFalse(error.contains("\n"), error);
        assertEquals(List.of("notes.txt"), List.of(out.toFile().list()));
    }
}
