package io.cnnhomework.grader.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cnnhomework.grader.Fixtures;
import io.cnnhomework.grader.reference.ReferenceSet;
import java.io.ByteArrayOutputStream;
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
import java.util.concurrent.atomic.AtomicBoolean;
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
     * The similarity step stages every submission before any is graded and compares them beside
     * the grading: alice's grading waits, before it unpacks, for the comparison's CSV, which would
     * never come if the step waited for every grading to stage its submission. A submission the
     * grader failed on is compared all the same (its sources are fine); an archive that cannot be
     * read is not, with a warning, and the others are compared.
     */
    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void theSimilarityStepComparesBesideTheGradingEverySubmissionItCanRead() throws Exception {
        Path batch = Files.createDirectories(tmp.resolve("batch"));
        Fixtures.copyTree(Fixtures.KNOWN_GOOD, batch.resolve("alice"));
        Archives.plain(Fixtures.disguisedCopy(Fixtures.KNOWN_GOOD, tmp.resolve("bob")), batch.resolve("bob.zip"), "bob");
        Fixtures.copyTree(Fixtures.INDEPENDENT, batch.resolve("fails-unpack"));
        Archives.notAZip(batch.resolve("not-a-zip.zip"));
        Path out = tmp.resolve("out");
        AtomicBoolean comparedWhileGrading = new AtomicBoolean();
        ByteArrayOutputStream said = new ByteArrayOutputStream();

        BatchGrader.Summary summary = new BatchGrader(ReferenceSet.load(Fixtures.referenceDir()),
                BatchGraderTest.options(batch, out, false).withInstructorView(Fixtures.TEMPLATE, true, 0.5, false),
                new PrintStream(said, true, StandardCharsets.UTF_8),
                (stage, id) -> {
                    if (id.equals("fails-unpack") && stage == BatchGrader.Stage.UNPACK) {
                        throw FAILURES.get(stage);
                    }
                    if (id.equals("alice") && stage == BatchGrader.Stage.UNPACK) {
                        comparedWhileGrading.set(appears(out.resolve(ClassSimilarity.CSV), 60));
                    }
                }).run();

        assertTrue(comparedWhileGrading.get(), "the comparison finished while alice was being graded");
        assertNull(summary.similarityError());
        assertEquals(Set.of("alice", "bob", "fails-unpack"), summary.similarity().compared());
        Map<String, GradebookRow> rows = summary.rows().stream().collect(Collectors.toMap(GradebookRow::id, Function.identity()));
        assertEquals("ok", rows.get("alice").status().id());
        assertEquals("error", rows.get("fails-unpack").status().id());
        assertEquals("unreadable", rows.get("not-a-zip").status().id());
        assertEquals("bob", rows.get("alice").mostSimilarTo());
        assertEquals("alice", Gradebook.read(out.resolve(Gradebook.FILE_NAME)).row("bob").orElseThrow().mostSimilarTo(),
                "the nearest submissions are in the gradebook's file too");
        assertTrue(said.toString(StandardCharsets.UTF_8).contains("warning: not-a-zip is not compared with the others: not-a-zip.zip is not a readable zip archive"),
                said.toString(StandardCharsets.UTF_8));
        assertFalse(Files.exists(out.resolve(ClassSimilarity.DIR).resolve("unpacking")), "the scratch folder is cleared");
    }

    /** Whether the file exists within the given seconds. */
    private static boolean appears(Path file, int seconds) {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!Files.exists(file)) {
            if (System.nanoTime() > end) {
                return false;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
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
