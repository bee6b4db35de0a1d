package io.cnnhomework.grader.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cnnhomework.grader.Fixtures;
import io.cnnhomework.grader.cli.GraderCli;
import io.cnnhomework.grader.reference.ReferenceSet;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Killing the grader half-way through a batch loses nothing: --resume ends with the same gradebook. */
class ResumeAfterKillTest {

    @TempDir
    Path tmp;

    @Test
    void killedBatchResumedGivesTheSameGradebookAsAnUninterruptedOne() throws Exception {
        Path batch = Files.createDirectories(tmp.resolve("batch"));
        for (String id : List.of("ana", "boris", "chen", "dana")) {
            Fixtures.copyTree(Fixtures.KNOWN_GOOD, batch.resolve(id));
        }
        Fixtures.copyTree(Fixtures.TEMPLATE, batch.resolve("eve"));
        Path killed = tmp.resolve("killed");

        Process process = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), GraderCli.class.getName(), "batch", "--submissions", batch.toString(),
                "--out", killed.toString(), "--reference", Fixtures.referenceDir().toString(), "--jobs", "1", "--optional", "off"))
                .redirectErrorStream(true).redirectOutput(tmp.resolve("log.txt").toFile()).start();
        Path gradebook = killed.resolve(Gradebook.FILE_NAME);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (finishedRows(gradebook) < 2 && System.nanoTime() < deadline && process.isAlive()) {
            Thread.sleep(50);
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        int finishedBeforeResume = finishedRows(gradebook);
        assertTrue(finishedBeforeResume >= 2 && finishedBeforeResume < 5, "killed after " + finishedBeforeResume + " rows");

        ReferenceSet reference = ReferenceSet.load(Fixtures.referenceDir());
        BatchGrader.Summary resumed = new BatchGrader(reference, options(batch, killed, true), quiet()).run();
        BatchGrader.Summary uninterrupted = new BatchGrader(reference, options(batch, tmp.resolve("full"), false), quiet()).run();

        assertEquals(5 - finishedBeforeResume, resumed.graded());
        assertEquals(withoutTimes(uninterrupted.rows()), withoutTimes(Gradebook.read(gradebook).rows()));
    }

    private static BatchOptions options(Path batch, Path out, boolean resume) {
        return new BatchOptions(batch, out, 2, Duration.ofSeconds(20), 256, resume, 1, 1, Locale.ENGLISH);
    }

    private static int finishedRows(Path gradebook) {
        try {
            return Files.exists(gradebook) ? (int) Gradebook.read(gradebook).rows().stream().filter(GradebookRow::finished).count() : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    /** Rows as CSV without the seconds column, which differs from run to run. */
    private static List<String> withoutTimes(List<GradebookRow> rows) {
        return rows.stream().map(row -> {
            String[] fields = row.toCsv();
            fields[GradebookRow.header(3).indexOf("seconds")] = "";
            return Arrays.toString(fields);
        }).toList();
    }

    private static PrintStream quiet() {
        return new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
    }
}
