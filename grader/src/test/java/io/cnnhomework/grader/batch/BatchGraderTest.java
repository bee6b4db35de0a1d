package io.cnnhomework.grader.batch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cnnhomework.grader.Fixtures;
import io.cnnhomework.grader.Fixtures.Mutation;
import io.cnnhomework.grader.grading.OptionalMode;
import io.cnnhomework.grader.reference.ReferenceSet;
import io.cnnhomework.grader.submission.WrittenAnswers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One batch of every case that ever stopped, hung or fooled a batch, next to correct controls: the
 * known-good (as a directory and as a plain zip), the template, a known-bad submission, one that
 * does not compile; archives as Windows' zip, 7-Zip, macOS Finder, backslash-writing tools and an
 * old Western tool make them; a clone with a symbolic link; hostile archives; ids a spreadsheet or
 * a terminal would misread; and every attack. Each is graded in its own child JVM and must get
 * exactly one right row while the others are graded correctly; {@code --resume} then changes
 * nothing.
 */
class BatchGraderTest {

    private static final Path HIDDEN = Path.of("src/test/resources/hidden-reference");
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * How a batch of this test is graded: limits a correct submission never nears even on a busy
     * machine (the compile limit counts processor time; javac needs well under a second of it).
     */
    static BatchOptions options(Path batch, Path out, boolean resume) {
        return new BatchOptions(batch, out, 2, Duration.ofSeconds(8), 128, resume, 1, 1, Locale.ENGLISH, OptionalMode.OFF,
                Duration.ofSeconds(60)).withLimits(Duration.ofSeconds(20), Duration.ofSeconds(10));
    }

    /** Ids that a spreadsheet would run as a formula, or a terminal as a control sequence. */
    static final List<String> AWKWARD_IDS = List.of("'=x", "=x", "\tTabbed", "+1-555", "\u001b[31mred\nline\u001b[0m");

    @TempDir
    static Path tmp;

    private static Map<String, GradebookRow> rows;
    private static Path out;
    private static String progress;
    private static int childJvms;

    @BeforeAll
    static void gradeTheFixtureBatch() throws IOException {
        Path batch = Files.createDirectories(tmp.resolve("batch"));
        Map<String, String> expected = expectedStatuses();
        Fixtures.copyTree(Fixtures.KNOWN_GOOD, batch.resolve("known-good"));
        zip(Fixtures.KNOWN_GOOD, batch.resolve("known-good-zipped.zip"), "my-homework/src/main/java/");
        Fixtures.copyTree(Fixtures.TEMPLATE, batch.resolve("template/src/main/java"));
        for (Mutation mutation : Fixtures.knownBad()) {
            if (mutation.name().equals("fc-grad-not-divided") || mutation.name().equals("does-not-compile")) {
                mutation.materialise(batch.resolve(mutation.name()));
            }
        }
        for (Mutation attack : Fixtures.attacks()) {
            attack.materialise(batch.resolve(attack.name()));
        }
        String folder = "Моё домашнее задание";
        Archives.windowsExplorer(Fixtures.KNOWN_GOOD, batch.resolve("windows-explorer.zip"), folder);
        Archives.sevenZip(Fixtures.KNOWN_GOOD, batch.resolve("seven-zip.zip"), folder);
        Archives.macFinder(Fixtures.KNOWN_GOOD, batch.resolve("macos-finder.zip"), folder);
        Archives.backslashes(Fixtures.KNOWN_GOOD, batch.resolve("backslashes.zip"), folder);
        Archives.cp437(Fixtures.KNOWN_GOOD, batch.resolve("western-cp437.zip"), "Café");
        Path clone = batch.resolve("clone-with-symlink");
        Fixtures.copyTree(Fixtures.KNOWN_GOOD, clone);
        Files.createSymbolicLink(clone.resolve("homework/Secret.java"), HIDDEN.toAbsolutePath().resolve("task1/loss.csv"));
        Archives.withExtraEntry(Fixtures.KNOWN_GOOD, batch.resolve("nul-in-name.zip"), folder, folder + "/homework/Conv\u0000.java");
        Archives.withExtraEntry(Fixtures.KNOWN_GOOD, batch.resolve("zip-slip.zip"), folder, "../../escaped.txt");
        Archives.notAZip(batch.resolve("not-a-zip.zip"));
        for (String id : AWKWARD_IDS) {
            Fixtures.copyTree(Fixtures.KNOWN_GOOD, batch.resolve(id));
        }
        out = tmp.resolve("out");
        ByteArrayOutputStream lines = new ByteArrayOutputStream();
        BatchGrader.Summary summary = new BatchGrader(ReferenceSet.load(Fixtures.referenceDir()), options(batch, out, false),
                new PrintStream(lines, true, StandardCharsets.UTF_8)).run();
        progress = lines.toString(StandardCharsets.UTF_8);
        childJvms = summary.childJvms();
        rows = summary.rows().stream().collect(Collectors.toMap(GradebookRow::id, r -> r, (a, b) -> a, LinkedHashMap::new));
        assertEquals(new TreeSet<>(expected.keySet()), new TreeSet<>(rows.keySet()));
    }

    private static Map<String, String> expectedStatuses() {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("known-good", "ok");
        expected.put("known-good-zipped", "ok");
        expected.put("template", "failed");
        expected.put("fc-grad-not-divided", "failed");
        expected.put("does-not-compile", "compile-error");
        Fixtures.attacks().forEach(attack -> expected.put(attack.name(), attack.status()));
        for (String honest : List.of("windows-explorer", "seven-zip", "macos-finder", "backslashes", "western-cp437", "clone-with-symlink")) {
            expected.put(honest, "ok");
        }
        for (String hostile : List.of("nul-in-name", "zip-slip", "not-a-zip")) {
            expected.put(hostile, "unreadable");
        }
        AWKWARD_IDS.forEach(id -> expected.put(id, "ok"));
        return expected;
    }

    @Test
    void everySubmissionGetsOneRowWithItsStatus() {
        Map<String, String> actual = new LinkedHashMap<>();
        rows.forEach((id, row) -> actual.put(id, row.status().id()));

        StringBuilder details = new StringBuilder();
        rows.forEach((id, row) -> {
            if (!row.status().id().equals(expectedStatuses().get(id))) {
                details.append(System.lineSeparator()).append(id).append(": ").append(row.detail());
            }
        });
        assertEquals(new TreeMap<>(expectedStatuses()), new TreeMap<>(actual), details.toString());
    }

    @Test
    void hostileArchivesAreRowsWithAOneLineReasonNamingTheEntry() {
        assertEquals("task1: the submission could not be read: nul-in-name.zip has an entry whose name holds a control character: "
                + "Моё домашнее задание/homework/Conv\\u0000.java", rows.get("nul-in-name").detail().replaceFirst("^[a-z_0-9]+: ", "task1: "));
        assertTrue(rows.get("zip-slip").detail().endsWith("zip-slip.zip has an entry outside the archive: ../../escaped.txt"),
                rows.get("zip-slip").detail());
        assertFalse(Files.exists(tmp.resolve("escaped.txt")));
    }

    @Test
    void whatToolsAddIsLeftOutAndListedInTheReport() throws IOException {
        JsonNode mac = new ObjectMapper().readTree(out.resolve("submissions/macos-finder/report.json").toFile());
        JsonNode clone = new ObjectMapper().readTree(out.resolve("submissions/clone-with-symlink/report.json").toFile());

        assertEquals("[\"__MACOSX/\",\"Моё домашнее задание/.DS_Store\"]", mac.get("ignored_files").toString());
        assertEquals("[\"homework/Secret.java\"]", clone.get("ignored_files").toString());
    }

    @Test
    void compilationThatRunsForMinutesIsACompileErrorWithinTheLimit() {
        GradebookRow row = rows.get("javac-explodes");

        assertTrue(row.detail().contains("compilation took longer than 10 s") || row.detail().contains("compilation ran out of memory"),
                row.detail());
        assertTrue(row.seconds() < 600, row.seconds() + " s");
    }

    @Test
    void aSubmissionThatSpendsItsBudgetIsATimeoutNamingTheBudget() throws IOException {
        GradebookRow row = rows.get("spends-its-budget");
        String report = Files.readString(out.resolve("submissions/spends-its-budget/report.json"), StandardCharsets.UTF_8);

        assertTrue(report.contains("the submission used up its time budget of 20.0 s for all layer checks and tasks"), report);
        assertTrue(row.seconds() < 40, row.seconds() + " s");
    }

    @Test
    void aHugeTensorViewIsTheSubmissionsContractBreachNotItsMemory() {
        GradebookRow row = rows.get("huge-tensor-view");

        assertEquals("sgd_step: SGD.updateParams()[\"W1\"] returned a tensor of shape [1073741824]: 1073741824 elements, more than the"
                + " 16777216 the grader accepts", row.detail());
    }

    @Test
    void awkwardIdsKeepTheirRowsAndNeverReachTheTerminalRaw() throws IOException {
        Gradebook onDisk = Gradebook.read(out.resolve(Gradebook.FILE_NAME));

        for (String id : AWKWARD_IDS) {
            assertEquals("ok", onDisk.row(id).orElseThrow().status().id(), id);
        }
        String csv = Files.readString(out.resolve(Gradebook.FILE_NAME), StandardCharsets.UTF_8);
        assertTrue(csv.contains("\"''=x\"") && csv.contains("\"'=x\"") && csv.contains("\"'\tTabbed\"") && csv.contains("\"'+1-555\""), csv);
        assertFalse(progress.chars().anyMatch(c -> c == 0x1b || c == '\t' || c == '\r'), progress);
        assertTrue(progress.lines().allMatch(line -> line.startsWith("[")), progress);
        assertTrue(progress.contains("\\u001b[31mred\\u000aline\\u001b[0m ok 100.0"), progress);
    }

    @Test
    void resumeOnAFinishedBatchChangesNothing() throws IOException {
        Path gradebook = out.resolve(Gradebook.FILE_NAME);
        byte[] before = Files.readAllBytes(gradebook);

        BatchGrader.Summary again = new BatchGrader(ReferenceSet.load(Fixtures.referenceDir()), options(tmp.resolve("batch"), out, true),
                quiet()).run();

        assertEquals(0, again.graded());
        assertEquals(rows.size(), again.skipped());
        assertArrayEquals(before, Files.readAllBytes(gradebook));
    }

    @Test
    void correctSubmissionsScoreFullMarksBesideTheAttacks() {
        assertEquals(100.0, rows.get("known-good").score());
        assertEquals(100.0, rows.get("known-good-zipped").score());
        assertEquals(100.0, rows.get("prints-100-mb").score());
        assertEquals(100.0, rows.get("deep-finite-recursion").score());
        assertEquals(100.0, rows.get("windows-explorer").score());
        assertEquals(100.0, rows.get("macos-finder").score());
        assertEquals(0.0, rows.get("template").score());
    }

    @Test
    void childJvmsServeOneSubmissionAfterAnotherAndThoseThatFailedAreReplaced() {
        long ran = rows.values().stream().filter(r -> List.of("ok", "failed", "timeout", "memory", "crashed").contains(r.status().id())).count();
        // the attacks that end, exhaust or outlast their child each cost one more
        long costly = Fixtures.attacks().stream().filter(a -> List.of("timeout", "memory", "crashed").contains(a.status())).count();
        assertTrue(ran > 20, "ran " + ran);
        assertTrue(childJvms >= 1 && childJvms <= costly * 3 + 2, childJvms + " child JVMs for " + ran + " submissions, " + costly
                + " of them ending theirs");
        assertTrue(childJvms < ran / 2, childJvms + " child JVMs for " + ran + " submissions");
    }

    @Test
    void policyRowsNameTheOffendingCall() {
        assertTrue(rows.get("system-exit").detail().contains("System.exit"), rows.get("system-exit").detail());
        assertTrue(rows.get("opens-a-socket").detail().contains("java.net.Socket"), rows.get("opens-a-socket").detail());
        assertTrue(rows.get("class-in-grader-package").detail().contains("io.cnnhomework.grader.grading"),
                rows.get("class-in-grader-package").detail());
    }

    @Test
    void everySubmissionHasItsJsonReportAndTheGradebookIsOnDisk() throws IOException {
        for (String id : rows.keySet()) {
            assertTrue(Files.size(out.resolve("submissions").resolve(id).resolve("report.json")) > 0, id);
        }
        Gradebook onDisk = Gradebook.read(out.resolve(Gradebook.FILE_NAME));
        assertEquals(rows.size(), onDisk.rows().size());
        assertTrue(onDisk.rows().stream().allMatch(GradebookRow::finished));
    }

    @Test
    void writtenAnswersAreMarkedInTheGradebookAndKeptAsTextInTheReport() throws IOException {
        assertEquals("yes", rows.get("known-good").answered());
        assertEquals("yes", rows.get("known-good-zipped").answered(), "found inside the archive's folder");
        assertEquals("no-file", rows.get("template").answered(), "the template's sources alone carry no answers file");

        JsonNode answers = JSON.readTree(out.resolve("submissions/known-good/report.json").toFile()).get("answers");

        assertEquals("yes", answers.get("status").asText());
        assertEquals("ANSWERS.md", answers.get("file").asText());
        JsonNode question = answers.get("questions").get(0);
        assertEquals("binary-classification", question.get("id").asText());
        assertTrue(question.get("question").asText().startsWith("In what other way can binary classification be done"));
        assertEquals(WrittenAnswers.find(Fixtures.KNOWN_GOOD).answers().get(0).text(), question.get("answer").asText());
        assertTrue(question.get("given").asBoolean());
    }

    @Test
    void manualPointsGoBesideTheScoreAndAResumeWithAnotherFileUpdatesTheKeptRows() throws IOException {
        Path batch = Files.createDirectories(tmp.resolve("manual-batch"));
        Fixtures.copyTree(Fixtures.KNOWN_GOOD, batch.resolve("ana"));
        Fixtures.copyTree(Fixtures.TEMPLATE, batch.resolve("boris/src/main/java"));
        Path graded = tmp.resolve("manual-out");
        Path first = Files.writeString(tmp.resolve("manual-1.csv"), "id,points,comment\nana,3,\"sigmoid, BCE\"\neve,1,x\n");
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        BatchOptions options = new BatchOptions(batch, graded, 2, Duration.ofSeconds(10), 128, false, 1, 1, Locale.ENGLISH,
                OptionalMode.OFF, Duration.ofSeconds(10)).withManual(ManualPoints.read(first));

        Map<String, GradebookRow> byId = byId(new BatchGrader(ReferenceSet.load(Fixtures.referenceDir()), options,
                new PrintStream(progress, true, StandardCharsets.UTF_8)).run().rows());

        assertEquals(100.0, byId.get("ana").score(), "manual points never enter the automatic score");
        assertEquals(3.0, byId.get("ana").manualPoints());
        assertEquals("sigmoid, BCE", byId.get("ana").manualComment());
        assertTrue(Double.isNaN(byId.get("boris").manualPoints()));
        assertTrue(progress.toString(StandardCharsets.UTF_8).contains("no submission for 1 id(s): eve (line 3)"), progress.toString());
        assertEquals(3.0, JSON.readTree(graded.resolve("submissions/ana/report.json").toFile()).get("manual").get("points").asDouble());
        assertFalse(JSON.readTree(graded.resolve("submissions/boris/report.json").toFile()).has("manual"));

        Path second = Files.writeString(tmp.resolve("manual-2.csv"), "id,points,comment\nboris,0.5,no answer\n");
        BatchOptions resume = new BatchOptions(batch, graded, 2, Duration.ofSeconds(10), 128, true, 1, 1, Locale.ENGLISH,
                OptionalMode.OFF, Duration.ofSeconds(10)).withManual(ManualPoints.read(second));

        BatchGrader.Summary again = new BatchGrader(ReferenceSet.load(Fixtures.referenceDir()), resume, quiet()).run();

        assertEquals(0, again.graded());
        Map<String, GradebookRow> resumed = byId(Gradebook.read(graded.resolve(Gradebook.FILE_NAME)).rows());
        assertEquals(0.5, resumed.get("boris").manualPoints());
        assertEquals(3.0, resumed.get("ana").manualPoints(), "a student the new file leaves out keeps the points");
        JsonNode boris = JSON.readTree(graded.resolve("submissions/boris/report.json").toFile());
        assertEquals("no answer", boris.get("manual").get("comment").asText());
        assertEquals(0.0, boris.get("score").asDouble());
    }

    private static Map<String, GradebookRow> byId(List<GradebookRow> list) {
        return list.stream().collect(Collectors.toMap(GradebookRow::id, r -> r));
    }

    @Test
    void printedFloodIsCappedInTheSubmissionsOutput() throws IOException {
        long size = Files.size(out.resolve("submissions/prints-100-mb/output.txt"));

        assertTrue(size > 1000 && size < 1024 * 1024, "output.txt has " + size + " bytes");
    }

    @Test
    void theOptionalTaskTrainsInTheChildAndFillsItsColumns() throws IOException {
        Path batch = Files.createDirectories(tmp.resolve("optional-batch"));
        new Mutation("short-recipe", "the known-good network for 3 epochs", "homework/OwnNetwork.java",
                List.of(Map.entry("return 40;", "return 3;")), Set.of(), Set.of(), null, null, -1, false, null, null, false)
                .materialise(batch.resolve("known-good"));
        Fixtures.copyTree(Fixtures.TEMPLATE, batch.resolve("template"));
        BatchOptions options = new BatchOptions(batch, tmp.resolve("optional-out"), 2, Duration.ofSeconds(10), 256, false, 1, 1,
                Locale.ENGLISH, OptionalMode.OWN, Duration.ofSeconds(120));

        Map<String, GradebookRow> graded = new BatchGrader(ReferenceSet.load(Fixtures.referenceDir()), options, quiet()).run().rows()
                .stream().collect(Collectors.toMap(GradebookRow::id, r -> r));

        GradebookRow good = graded.get("known-good");
        assertTrue(good.optionalAccuracy() > 0.5 && good.optionalAccuracy() <= 1, "accuracy " + good.optionalAccuracy());
        assertEquals(good.optionalAccuracy() >= 0.97 ? "passed" : "failed", good.optional(), good.detail());
        assertEquals(9, good.optionalChecks());
        assertEquals(9, good.optionalChecksPassed());
        assertEquals(13, good.checks());
        assertEquals(100.0, good.score());
        GradebookRow template = graded.get("template");
        assertEquals("not-attempted", template.optional());
        assertTrue(Double.isNaN(template.optionalAccuracy()));
        assertEquals(0, template.optionalChecksPassed());
        assertEquals("failed", template.status().id());
        assertEquals("ok", rows.get("known-good").status().id());
        assertEquals("", rows.get("known-good").optional(), "not graded without --optional");
    }

    @Test
    void hardCodedCurvePassesThePublicReferenceButNotAHiddenOne() throws IOException {
        Path batch = Files.createDirectories(tmp.resolve("hidden-batch"));
        Fixtures.copyTree(Fixtures.KNOWN_GOOD, batch.resolve("known-good"));
        Fixtures.attacks().stream().filter(a -> a.name().equals("hard-coded-curve")).findFirst().orElseThrow()
                .materialise(batch.resolve("hard-coded-curve"));
        BatchOptions options = new BatchOptions(batch, tmp.resolve("hidden-out"), 2, Duration.ofSeconds(10), 128, false, 1, 1,
                Locale.ENGLISH);

        List<GradebookRow> hidden = new BatchGrader(ReferenceSet.load(HIDDEN), options, quiet()).run().rows();

        Map<String, String> statuses = hidden.stream().collect(Collectors.toMap(GradebookRow::id, row -> row.status().id()));
        assertEquals(Map.of("known-good", "ok", "hard-coded-curve", "failed"), statuses);
        assertEquals("ok", rows.get("hard-coded-curve").status().id());
    }

    @Test
    void aFolderAndAZipWithTheSameIdAreRefused() throws IOException {
        Path batch = Files.createDirectories(tmp.resolve("clash"));
        Fixtures.copyTree(Fixtures.KNOWN_GOOD, batch.resolve("dup"));
        zip(Fixtures.KNOWN_GOOD, batch.resolve("dup.zip"), "");
        BatchOptions options = new BatchOptions(batch, tmp.resolve("clash-out"), 1, Duration.ofSeconds(5), 128, false, 1, 1,
                Locale.ENGLISH);

        IOException e = assertThrows(IOException.class,
                () -> new BatchGrader(ReferenceSet.load(Fixtures.referenceDir()), options, quiet()).run());

        assertEquals(batch + ": submissions share a student id: dup and dup.zip; rename or remove one of each", e.getMessage());
    }

    @Test
    void resumeRefusesAnotherReferenceSet() throws IOException {
        IOException e = assertThrows(IOException.class,
                () -> new BatchGrader(ReferenceSet.load(HIDDEN), options(tmp.resolve("batch"), out, true), quiet()).run());

        assertTrue(e.getMessage().startsWith(out.resolve(BatchGrader.SETTINGS_FILE) + ": the gradebook was made with"), e.getMessage());
    }

    @Test
    void existingGradebookIsNotOverwrittenWithoutResume() {
        BatchOptions again = new BatchOptions(tmp.resolve("batch"), out, 1, Duration.ofSeconds(3), 128, false, 1, 1, Locale.ENGLISH);

        IOException e = assertThrows(IOException.class,
                () -> new BatchGrader(ReferenceSet.load(Fixtures.referenceDir()), again, quiet()).run());

        assertEquals(out.resolve(Gradebook.FILE_NAME) + " exists; use --resume to continue it or choose another --out", e.getMessage());
    }

    @Test
    void resumeKeepsFinishedRowsAndRegradesProvisionalOnes() throws IOException {
        Path gradebookFile = out.resolve(Gradebook.FILE_NAME);
        Path copy = Files.createDirectories(tmp.resolve("resumed"));
        Gradebook partial = Gradebook.read(gradebookFile);
        Gradebook interrupted = Gradebook.empty(copy.resolve(Gradebook.FILE_NAME));
        for (GradebookRow row : partial.rows()) {
            interrupted.put(row.id().equals("known-good") ? GradebookRow.running(row.id(), 3) : row);
        }
        BatchGrader.Summary summary = new BatchGrader(ReferenceSet.load(Fixtures.referenceDir()), options(tmp.resolve("batch"), copy, true),
                quiet()).run();

        assertEquals(1, summary.graded());
        assertEquals(rows.size() - 1, summary.skipped());
        assertEquals("ok", Gradebook.read(copy.resolve(Gradebook.FILE_NAME)).row("known-good").orElseThrow().status().id());
    }

    private static PrintStream quiet() {
        return new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
    }

    private static void zip(Path dir, Path archive, String prefix) throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(archive)); Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                zip.putNextEntry(new ZipEntry(prefix + dir.relativize(file).toString().replace('\\', '/')));
                zip.write(Files.readAllBytes(file));
                zip.closeEntry();
            }
        }
    }
}
