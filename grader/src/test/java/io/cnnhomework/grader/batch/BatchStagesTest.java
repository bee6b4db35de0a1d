package io.cnnhomework.grader.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cnnhomework.grader.Fixtures;
import io.cnnhomework.grader.reference.ReferenceSet;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whatever the grader itself throws in any stage of one submission (unpacking, compiling, checking
 * the bytecode, running, writing the reports) becomes that submission's row: status {@code error},
 * no score, a one-line reason naming the stage; the other submissions are graded as usual, and
 * {@code --resume} grades the failed ones again.
 */
class BatchStagesTest {

    @TempDir
    Path tmp;

    /** One failure of the grader's own per stage, of the kinds a grader meets: I/O, a bug, an error of the JVM. */
    private static final Map<BatchGrader.Stage, Exception> FAILURES = Map.of(
            BatchGrader.Stage.UNPACK, new IOException("No space left on device"),
            BatchGrader.Stage.COMPILE, new UncheckedIOException(new IOException("cannot start the compiler process")),
            BatchGrader.Stage.POLICY, new IllegalStateException("ASM could not read a class file"),
            BatchGrader.Stage.RUN, new UncheckedIOException(new IOException("cannot start the child JVM")),
            BatchGrader.Stage.REPORT, new IOException("Read-only file system"));

    private static String idOf(BatchGrader.Stage stage) {
        return "fails-" + stage.name().toLowerCase(java.util.Locale.ROOT);
    }

    private static PrintStream quiet() {
        return new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
    }

    @Test
    void aFailureOfTheGraderInAnyStageIsThatSubmissionsErrorRowAndResumeGradesItAgain() throws Exception {
        Path batch = Files.createDirectories(tmp.resolve("batch"));
        Fixtures.copyTree(Fixtures.KNOWN_GOOD, batch.resolve("control"));
        for (BatchGrader.Stage stage : BatchGrader.Stage.values()) {
            Fixtures.copyTree(Fixtures.KNOWN_GOOD, batch.resolve(idOf(stage)));
        }
        Path out = tmp.resolve("out");
        ReferenceSet reference = ReferenceSet.load(Fixtures.referenceDir());

        Map<String, GradebookRow> rows = new BatchGrader(reference, BatchGraderTest.options(batch, out, false), quiet(),
                (stage, id) -> {
                    if (id.equals(idOf(stage))) {
                        throw FAILURES.get(stage);
                    }
                }).run().rows().stream().collect(Collectors.toMap(GradebookRow::id, Function.identity()));

        assertEquals("ok", rows.get("control").status().id());
        assertEquals(100.0, rows.get("control").score());
        for (BatchGrader.Stage stage : BatchGrader.Stage.values()) {
            GradebookRow row = rows.get(idOf(stage));
            assertEquals("error", row.status().id(), row.detail());
            assertTrue(Double.isNaN(row.score()), stage + ": " + row.score());
            assertEquals(BatchGrader.graderFailure(stage, FAILURES.get(stage)), row.detail());
        }
        assertEquals("the grader failed while writing its reports (IOException: Read-only file system); not the submission's fault:"
                + " --resume grades it again", rows.get("fails-report").detail());
        assertFalse(Files.exists(out.resolve("work").resolve("fails-run")), "the work folder is cleared");

        BatchGrader.Summary resumed = new BatchGrader(reference, BatchGraderTest.options(batch, out, true), quiet()).run();

        assertEquals(BatchGrader.Stage.values().length, resumed.graded());
        assertTrue(resumed.rows().stream().allMatch(row -> row.status().id().equals("ok")), resumed.rows().toString());
    }

    /**
     * The similarity step starts once every submission is staged; one the grader failed on before
     * its sources were staged must still count, or the batch would wait for it for ever.
     */
    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void theSimilarityStepComparesTheOthersWhenTheGraderFailsBeforeStagingOne() throws Exception {
        Path batch = Files.createDirectories(tmp.resolve("batch"));
        Fixtures.copyTree(Fixtures.KNOWN_GOOD, batch.resolve("alice"));
        Fixtures.disguisedCopy(Fixtures.KNOWN_GOOD, batch.resolve("bob"));
        Fixtures.copyTree(Fixtures.KNOWN_GOOD, batch.resolve("fails-unpack"));
        Path out = tmp.resolve("out");

        BatchGrader.Summary summary = new BatchGrader(ReferenceSet.load(Fixtures.referenceDir()),
                BatchGraderTest.options(batch, out, false).withInstructorView(Fixtures.TEMPLATE, true, 0.5, false), quiet(),
                (stage, id) -> {
                    if (id.equals("fails-unpack") && stage == BatchGrader.Stage.UNPACK) {
                        throw FAILURES.get(stage);
                    }
                }).run();

        assertNull(summary.similarityError());
        assertEquals(Set.of("alice", "bob"), summary.similarity().compared());
        Map<String, GradebookRow> rows = summary.rows().stream().collect(Collectors.toMap(GradebookRow::id, Function.identity()));
        assertEquals("error", rows.get("fails-unpack").status().id());
        assertEquals("bob", rows.get("alice").mostSimilarTo());
        assertEquals("alice", Gradebook.read(out.resolve(Gradebook.FILE_NAME)).row("bob").orElseThrow().mostSimilarTo(),
                "the nearest submissions are in the gradebook's file too");
    }

    @Test
    void reportsThatCannotBeWrittenAreTheGradersFailureNotTheSubmissions() throws IOException {
        Path batch = Files.createDirectories(tmp.resolve("batch"));
        Fixtures.copyTree(Fixtures.KNOWN_GOOD, batch.resolve("alice"));
        Fixtures.copyTree(Fixtures.KNOWN_GOOD, batch.resolve("bob"));
        Path out = tmp.resolve("out");
        // a file where alice's report folder must go
        Files.createDirectories(out.resolve("submissions"));
        Files.writeString(out.resolve("submissions/alice"), "in the way");

        Map<String, GradebookRow> rows = new BatchGrader(ReferenceSet.load(Fixtures.referenceDir()),
                BatchGraderTest.options(batch, out, false), quiet()).run().rows().stream()
                .collect(Collectors.toMap(GradebookRow::id, Function.identity()));

        assertEquals("error", rows.get("alice").status().id());
        assertTrue(rows.get("alice").detail().startsWith("the grader failed while writing its reports (FileAlreadyExistsException: "),
                rows.get("alice").detail());
        assertEquals("ok", rows.get("bob").status().id());
    }
}
