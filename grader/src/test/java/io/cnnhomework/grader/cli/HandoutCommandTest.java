package io.cnnhomework.grader.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code grader handout}: its options, its default repository, and its errors as one line with exit 2. */
class HandoutCommandTest {

    @Test
    void outIsRequired() {
        UsageException e = assertThrows(UsageException.class, () -> HandoutCommand.parse(List.of(), Path.of("repo")));

        assertEquals("--out is required; " + HandoutCommand.USAGE, e.getMessage());
    }

    @Test
    void unknownOptionIsNamed() {
        UsageException e = assertThrows(UsageException.class,
                () -> HandoutCommand.parse(List.of("--out", "h", "--jar", "x"), Path.of("repo")));

        assertEquals("unknown option --jar; " + HandoutCommand.USAGE, e.getMessage());
    }

    @Test
    void rootDefaultsToTheDirectoryAboveTheLaunchersReferenceSet() {
        assertEquals(Path.of("/course"), HandoutCommand.defaultRoot(null, "/course/reference-data"));
        assertEquals(Path.of("/elsewhere"), HandoutCommand.defaultRoot("/elsewhere", "/course/reference-data"));
        assertEquals(new HandoutCommand(Path.of("h"), Path.of("/r")), HandoutCommand.parse(List.of("--out", "h", "--root", "/r"), Path.of("repo")));
        assertEquals(new HandoutCommand(Path.of("h"), Path.of("repo")), HandoutCommand.parse(List.of("--out", "h"), Path.of("repo")));
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
