package io.cnnhomework.grader.batch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cnnhomework.grader.GradedFixtures;
import io.cnnhomework.grader.grading.GradeReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GradebookTest {

    @TempDir
    Path tmp;

    private static GradebookRow row(String id, String status, double score) {
        return new GradebookRow(id, SubmissionStatus.byId(status).orElseThrow(), score, new double[] {20, 20, 0}, new double[] {5.77e-8, 3.58e-7, Double.NaN},
                13, 13, "passed", 0.9944, 9, 9, 1.25, "task3: not implemented, \"quoted\", with a comma", "", Double.NaN, "", "yes",
                Double.NaN, "", Map.of());
    }

    @Test
    void rowsSurviveAWriteAndARead() throws IOException {
        Path file = tmp.resolve(Gradebook.FILE_NAME);
        Gradebook gradebook = Gradebook.empty(file);
        gradebook.put(row("bob", "failed", 80));
        gradebook.put(row("alice", "ok", 100));

        Gradebook read = Gradebook.read(file);

        assertEquals(List.of("alice", "bob"), read.rows().stream().map(GradebookRow::id).toList());
        GradebookRow bob = read.row("bob").orElseThrow();
        assertEquals("failed", bob.status().id());
        assertEquals(80.0, bob.score());
        assertEquals(5.77e-8, bob.taskErrors()[0], 1e-10);
        assertTrue(Double.isNaN(bob.taskErrors()[2]));
        assertEquals("task3: not implemented, \"quoted\", with a comma", bob.detail());
    }

    @Test
    void formulaLikeIdsAreWrittenAsTextAndReadBack() throws IOException {
        Path file = tmp.resolve(Gradebook.FILE_NAME);
        Gradebook.empty(file).put(row("=HYPERLINK(\"x\")", "ok", 100));

        assertTrue(Files.readString(file).contains("\"'=HYPERLINK(\"\"x\"\")\""), Files.readString(file));
        assertEquals("=HYPERLINK(\"x\")", Gradebook.read(file).rows().get(0).id());
    }

    @Test
    void everyIdAndDetailReadsBackExactlyAfterTheSpreadsheetEscaping() throws IOException {
        List<String> ids = List.of("'=x", "=x", "'x", "''", "\tTabbed", "\rReturn", "+1", "-1", "@home", "C:\\Users\\Zoë", "plain",
                "multi\nline");
        Path file = tmp.resolve(Gradebook.FILE_NAME);
        Gradebook gradebook = Gradebook.empty(file);
        for (String id : ids) {
            GradebookRow row = row(id, "ok", 100);
            gradebook.put(new GradebookRow(id, row.status(), row.score(), row.taskScores(), row.taskErrors(), row.checksPassed(),
                    row.checks(), row.optional(), row.optionalAccuracy(), row.optionalChecksPassed(), row.optionalChecks(), row.seconds(),
                    "=" + id + " at C:\\x\\u0000"));
        }

        Gradebook read = Gradebook.read(file);
        Gradebook merged = Gradebook.empty(tmp.resolve("merged.csv"));
        merged.merge(read);
        merged.write();

        assertEquals(ids.stream().sorted().toList(), read.rows().stream().map(GradebookRow::id).toList());
        for (String id : ids) {
            assertEquals("=" + id + " at C:\\x\\u0000", read.row(id).orElseThrow().detail(), id);
        }
        assertEquals(Files.readString(file), Files.readString(tmp.resolve("merged.csv")));
        for (String line : Files.readAllLines(file).subList(1, 2)) {
            assertTrue(line.startsWith("\"'"), line);
        }
    }

    @Test
    void aGradebookSavedAgainWithWindowsLineEndsReadsTheSame() throws IOException {
        Path file = tmp.resolve(Gradebook.FILE_NAME);
        Gradebook.empty(file).put(row("bob", "failed", 80));
        Files.writeString(file, Files.readString(file).replace("\n", "\r\n"));

        GradebookRow bob = Gradebook.read(file).row("bob").orElseThrow();

        assertEquals("task3: not implemented, \"quoted\", with a comma", bob.detail());
        assertEquals(80.0, bob.score());
    }

    @Test
    void aRowTheGraderFailedOnHasNoScoreAndIsGradedAgain() throws IOException {
        Path file = tmp.resolve(Gradebook.FILE_NAME);
        Gradebook.empty(file).put(GradebookRow.error("alice", 3, "the grader failed while compiling it (IOException: disk full)", 0.5));

        GradebookRow read = Gradebook.read(file).row("alice").orElseThrow();

        assertEquals("error", read.status().id());
        assertTrue(Double.isNaN(read.score()));
        assertFalse(read.finished());
        assertTrue(Files.readAllLines(file).get(1).startsWith("\"alice\",\"error\",\"\","), Files.readAllLines(file).get(1));
    }

    @Test
    void fileStartsWithTheDocumentedHeader() throws IOException {
        Path file = tmp.resolve(Gradebook.FILE_NAME);
        Gradebook.empty(file).put(row("alice", "ok", 100));

        String header = Files.readAllLines(file, StandardCharsets.UTF_8).get(0);

        assertEquals("\"id\",\"status\",\"score\",\"task1_score\",\"task1_summed_error\",\"task2_score\",\"task2_summed_error\","
                + "\"task3_score\",\"task3_summed_error\",\"layer_checks_passed\",\"layer_checks\",\"optional\",\"optional_accuracy\","
                + "\"optional_checks_passed\",\"optional_checks\",\"seconds\",\"detail\",\"failed\",\"max_similarity\",\"most_similar_to\","
                + "\"answered\",\"manual_points\",\"manual_comment\"", header);
    }

    @Test
    void mergeTakesFinishedRowsOverProvisionalOnes() throws IOException {
        Gradebook first = Gradebook.empty(tmp.resolve("a.csv"));
        first.put(GradebookRow.running("alice", 3));
        first.put(row("bob", "ok", 100));
        Gradebook second = Gradebook.empty(tmp.resolve("b.csv"));
        second.put(row("alice", "failed", 40));

        first.merge(second);

        assertEquals("failed", first.row("alice").orElseThrow().status().id());
        assertEquals(2, first.rows().size());
    }

    @Test
    void mergeRefusesTwoDifferentResultsForOneSubmission() throws IOException {
        Gradebook first = Gradebook.empty(tmp.resolve("a.csv"));
        first.put(row("alice", "ok", 100));
        Gradebook second = Gradebook.empty(tmp.resolve("b.csv"));
        second.put(row("alice", "failed", 40));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> first.merge(second));

        assertEquals("submission alice is graded in two gradebooks with different results (one of them " + tmp.resolve("b.csv") + ")", e.getMessage());
    }

    @Test
    void mergeAcceptsTheSameGradesWithOtherTimes() throws IOException {
        Gradebook first = Gradebook.empty(tmp.resolve("a.csv"));
        first.put(row("alice", "ok", 100));
        Gradebook second = Gradebook.empty(tmp.resolve("b.csv"));
        GradebookRow slower = row("alice", "ok", 100);
        second.put(new GradebookRow(slower.id(), slower.status(), slower.score(), slower.taskScores(), slower.taskErrors(),
                slower.checksPassed(), slower.checks(), slower.optional(), slower.optionalAccuracy(), slower.optionalChecksPassed(),
                slower.optionalChecks(), 9.75, slower.detail(), slower.failed(), slower.maxSimilarity(), slower.mostSimilarTo(),
                slower.answered(), slower.manualPoints(), slower.manualComment(), slower.points()));

        first.merge(second);

        assertEquals(1, first.rows().size());
    }

    @Test
    void manualPointsAndCommentsSurviveAWriteAndAReadBesideTheScore() throws IOException {
        Path file = tmp.resolve(Gradebook.FILE_NAME);
        Gradebook gradebook = Gradebook.empty(file);
        gradebook.put(row("alice", "ok", 100).withManual(2.5, "=sigmoid, \"good\"\nsecond line"));
        gradebook.put(row("bob", "ok", 100).withManual(Double.NaN, "no answer"));

        Gradebook read = Gradebook.read(file);

        GradebookRow alice = read.row("alice").orElseThrow();
        assertEquals(100.0, alice.score(), "manual points never enter the automatic score");
        assertEquals(2.5, alice.manualPoints());
        assertEquals("=sigmoid, \"good\"\nsecond line", alice.manualComment());
        assertEquals("yes", alice.answered());
        assertTrue(Files.readString(file).contains("\"'=sigmoid"), "a formula-like comment is written as text");
        assertTrue(Double.isNaN(read.row("bob").orElseThrow().manualPoints()));
        assertEquals("no answer", read.row("bob").orElseThrow().manualComment());
    }

    @Test
    void aGradebookFromBeforeTheAnswersAndManualColumnsIsReadWithThemEmpty() throws IOException {
        String header = "id,status,score,task1_score,task1_summed_error,task2_score,task2_summed_error,task3_score,"
                + "task3_summed_error,layer_checks_passed,layer_checks,optional,optional_accuracy,optional_checks_passed,"
                + "optional_checks,seconds,detail";
        Path file = Files.writeString(tmp.resolve("old.csv"), header + "\nana,ok,100,20,5.774e-08,20,3.576e-07,20,3.010e-06,13,13,,,0,9,1.00,\n");

        GradebookRow ana = Gradebook.read(file).row("ana").orElseThrow();

        assertEquals("", ana.answered());
        assertTrue(Double.isNaN(ana.manualPoints()));
        assertEquals("", ana.manualComment());
    }

    @Test
    void truncatedGradebookIsNamed() throws IOException {
        Path file = Files.writeString(tmp.resolve("cut.csv"), String.join(",", GradebookRow.header(3)) + "\n\"alice\",\"ok");

        IOException e = assertThrows(IOException.class, () -> Gradebook.read(file));

        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
    }

    @Test
    void fileThatIsNotAGradebookIsNamed() throws IOException {
        Path file = Files.writeString(tmp.resolve("other.csv"), "a,b\n1,2\n");

        IOException e = assertThrows(IOException.class, () -> Gradebook.read(file));

        assertTrue(e.getMessage().startsWith(file + ": not a gradebook"), e.getMessage());
    }

    @Test
    void everyFailedCheckAndTaskIsListedWithThePointsItLost() {
        GradebookRow row = GradebookRow.of("carol", GradedFixtures.knownBad("fc-grad-not-divided"), 1, Locale.ENGLISH);

        assertEquals("fc_batch4 -0.8; task1 -20; task2 -20; task3 -20", row.failed());
        assertTrue(row.detail().startsWith("fc_batch4: grad_weight"), row.detail());
        assertEquals(100 - 0.8 - 60, row.score(), 0.05);
        assertEquals(row.score(), row.points().values().stream().mapToDouble(Double::doubleValue).sum(), 0.05);
        assertEquals("", GradebookRow.of("dave", GradedFixtures.knownGood(), 1, Locale.ENGLISH).failed());
    }

    @Test
    void theUntouchedTemplateIsNotAttemptedOnlyWhenTheBatchSaysSo() {
        GradeReport template = GradedFixtures.template();

        assertEquals("not-attempted", GradebookRow.of("erin", template, true, 1, Locale.ENGLISH).status().id());
        assertEquals("failed", GradebookRow.of("erin", template, false, 1, Locale.ENGLISH).status().id());
        assertEquals("ok", GradebookRow.of("erin", GradedFixtures.knownGood(), true, 1, Locale.ENGLISH).status().id(),
                "a status the report decides stands");
    }

    @Test
    void similarityAndFailedListSurviveAWriteAndARead() throws IOException {
        Path file = tmp.resolve(Gradebook.FILE_NAME);
        GradebookRow carol = GradebookRow.of("carol", GradedFixtures.knownBad("fc-grad-not-divided"), 1, Locale.ENGLISH)
                .withSimilarity(0.973, "=dave");
        Gradebook.empty(file).put(carol);

        GradebookRow read = Gradebook.read(file).row("carol").orElseThrow();

        assertEquals(carol.failed(), read.failed());
        assertEquals(0.973, read.maxSimilarity(), 1e-9);
        assertEquals("=dave", read.mostSimilarTo());
        assertTrue(Files.readString(file).contains(",\"0.973\",\"'=dave\""), Files.readString(file));
    }

    @Test
    void pointColumnsGiveEveryCheckAndTaskItsPointsAndSurviveAResume() throws IOException {
        Path file = tmp.resolve(Gradebook.FILE_NAME);
        Gradebook gradebook = Gradebook.empty(file).withPointColumns(true);
        gradebook.put(GradebookRow.running("alice", 3));
        gradebook.put(GradebookRow.of("carol", GradedFixtures.knownBad("fc-grad-not-divided"), 1, Locale.ENGLISH));

        List<String> header = List.of(Files.readAllLines(file, StandardCharsets.UTF_8).get(0).replace("\"", "").split(","));
        Gradebook read = Gradebook.read(file);
        read.put(row("bob", "ok", 100));

        assertEquals(GradebookRow.header(3).size() + 16, header.size(), header.toString());
        assertEquals(List.of("points_conv_task1", "points_conv_multichannel_stride2_pad1"), header.subList(GradebookRow.header(3).size(), GradebookRow.header(3).size() + 2));
        assertEquals("points_task3", header.get(header.size() - 1));
        GradebookRow carol = read.row("carol").orElseThrow();
        assertEquals(40.0 / 13 * 0.75, carol.points().get("fc_batch4"), 0.005);
        assertEquals(0.0, carol.points().get("task1"));
        assertEquals(header, List.of(Files.readAllLines(file, StandardCharsets.UTF_8).get(0).replace("\"", "").split(",")),
                "a gradebook read with points columns keeps them");
        assertTrue(Files.readAllLines(file, StandardCharsets.UTF_8).get(1).endsWith(",\"\",\"\",\"\""), "a provisional row has no points");
    }

    @Test
    void mergeAcceptsTheSameGradesWithAnotherSimilarity() throws IOException {
        Gradebook first = Gradebook.empty(tmp.resolve("a.csv"));
        first.put(row("alice", "ok", 100).withSimilarity(0.2, "bob"));
        Gradebook second = Gradebook.empty(tmp.resolve("b.csv"));
        second.put(row("alice", "ok", 100).withSimilarity(0.9, "carol"));

        first.merge(second);

        assertEquals(1, first.rows().size());
    }

    @Test
    void shardsPartitionTheSubmissions() {
        List<Submissions.Submission> all = java.util.stream.IntStream.range(0, 50)
                .mapToObj(i -> new Submissions.Submission("student" + i, tmp.resolve("student" + i))).toList();

        List<String> union = new java.util.ArrayList<>();
        for (int shard = 1; shard <= 3; shard++) {
            Submissions.shard(all, shard, 3).forEach(s -> union.add(s.id()));
        }

        union.sort(null);
        assertArrayEquals(all.stream().map(Submissions.Submission::id).sorted().toArray(), union.toArray());
    }
}
