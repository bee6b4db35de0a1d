package io.cnnhomework.grader.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cnnhomework.grader.Fixtures;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GraderCliTest {

    /** The known-good submission must stay 100× inside the seed's bar. */
    private static final double KNOWN_GOOD_BOUND = 1e-5;

    @TempDir
    Path tmp;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return GraderCli.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void knownGoodPassesEveryTaskWellInsideTheBarAndReproducesPyTorchsCurves() throws IOException {
        Path json = tmp.resolve("r.json");

        int status = run("grade", "--optional", "off", "--submission", Fixtures.KNOWN_GOOD.toString(), "--reference",
                Fixtures.referenceDir().toString(), "--json", json.toString());

        assertEquals(GraderCli.EXIT_PASSED, status, stdout() + stderr());
        JsonNode report = new ObjectMapper().readTree(json.toFile());
        assertTrue(report.get("passed").asBoolean());
        assertEquals(100.0, report.get("score").asDouble());
        for (JsonNode check : report.get("checks")) {
            assertTrue(check.get("passed").asBoolean(), check.toString());
            assertTrue(check.get("hint").isNull(), check.toString());
        }
        List<String> ids = new ArrayList<>();
        for (JsonNode task : report.get("tasks")) {
            ids.add(task.get("id").asText());
            assertTrue(task.get("passed").asBoolean(), task.toString());
            assertTrue(task.get("summed_error").asDouble() <= KNOWN_GOOD_BOUND, task.toString());
            assertEquals(task.get("expected").size(), task.get("actual").size(), task.toString());
        }
        assertEquals(List.of("task1", "task2", "task3"), ids);
        JsonNode task3 = report.get("tasks").get(2);
        assertTrue(task3.get("val_summed_error").asDouble() <= KNOWN_GOOD_BOUND, task3.toString());
        assertEquals(readCsvColumn("task1/loss.csv", 1), doubles(report.get("tasks").get(0).get("expected")));
        assertEquals(readCsvColumn("task2/loss.csv", 1), doubles(report.get("tasks").get(1).get("expected")));
        assertTrue(stdout().contains("score 100.0 / 100"), stdout());
        assertTrue(stdout().contains("written answers (ANSWERS.md): 1 of 1 answered; your instructor reads them"), stdout());
        assertEquals("yes", report.get("answers").get("status").asText());
    }

    @Test
    void independentlyWrittenSolutionPassesEveryCheckAndTaskToo() throws IOException {
        Path json = tmp.resolve("r.json");

        int status = run("grade", "--optional", "off", "--submission", Fixtures.INDEPENDENT.toString(), "--reference",
                Fixtures.referenceDir().toString(), "--json", json.toString());

        assertEquals(GraderCli.EXIT_PASSED, status, stdout() + stderr());
        JsonNode report = new ObjectMapper().readTree(json.toFile());
        assertEquals(100.0, report.get("score").asDouble());
        for (JsonNode task : report.get("tasks")) {
            assertTrue(task.get("summed_error").asDouble() <= KNOWN_GOOD_BOUND, task.toString());
        }
    }

    @Test
    void untouchedTemplateFailsEveryTaskAsNotImplementedWithoutStackTrace() throws IOException {
        Path json = tmp.resolve("r.json");

        int status = run("grade", "--optional", "off", "--submission", Fixtures.TEMPLATE.toString(), "--reference",
                Fixtures.referenceDir().toString(), "--json", json.toString());

        assertEquals(GraderCli.EXIT_FAILED, status, stdout() + stderr());
        JsonNode report = new ObjectMapper().readTree(json.toFile());
        assertEquals(0.0, report.get("score").asDouble());
        for (JsonNode check : report.get("checks")) {
            assertEquals("not-implemented", check.get("failure").asText(), check.toString());
            assertTrue(check.get("message").asText().startsWith("not implemented: "), check.toString());
        }
        for (JsonNode task : report.get("tasks")) {
            assertFalse(task.get("passed").asBoolean(), task.toString());
            assertEquals("not-implemented", task.get("failure").asText(), task.toString());
            assertTrue(task.get("message").asText().startsWith("not implemented: "), task.toString());
            assertTrue(task.get("summed_error").isNull(), task.toString());
        }
        assertFalse(stdout().contains("\tat "), stdout());
        assertFalse(stdout().contains("Exception"), stdout());
        assertTrue(stdout().contains("score 0.0 / 100"), stdout());
        assertTrue(stdout().contains("written answers (ANSWERS.md): 0 of 1 answered"), "the template's own answers file, above src/main/java");
        assertEquals("no", report.get("answers").get("status").asText());
    }

    @Test
    void allureOptionWritesOneResultPerCheckAndTaskNamedAfterTheSubmission() throws IOException {
        Path allure = tmp.resolve("allure-results");

        int status = run("grade", "--optional", "off", "--submission", Fixtures.TEMPLATE.toString(), "--reference",
                Fixtures.referenceDir().toString(), "--allure", allure.toString(), "--lang", "ru");

        assertEquals(GraderCli.EXIT_FAILED, status, stderr());
        List<Path> results;
        try (var files = Files.list(allure)) {
            results = files.filter(p -> p.getFileName().toString().endsWith("-result.json")).toList();
        }
        int checks = io.cnnhomework.grader.reference.ReferenceSet.load(Fixtures.referenceDir()).layerCases().size();
        assertEquals(checks + 3, results.size());
        JsonNode first = new ObjectMapper().readTree(results.get(0).toFile());
        assertTrue(first.get("fullName").asText().contains("student-template"), first.toString());
        assertTrue(stdout().contains("Проверки слоёв"), stdout());
    }

    @Test
    void truncatedModelUnderReferenceExitsTwoWithOneLineNamingTheFile() throws IOException {
        Path copy = tmp.resolve("reference");
        Fixtures.copyTree(Fixtures.referenceDir(), copy);
        Path model = copy.resolve("task1/model.onnx");
        byte[] bytes = Files.readAllBytes(model);
        Files.write(model, Arrays.copyOf(bytes, bytes.length / 3));

        int status = run("grade", "--optional", "off", "--submission", Fixtures.KNOWN_GOOD.toString(), "--reference", copy.toString());

        assertEquals(GraderCli.EXIT_ERROR, status);
        assertEquals(1, stderr().lines().count(), stderr());
        assertTrue(stderr().startsWith("error: " + model + ": "), stderr());
        assertEquals("", stdout());
    }

    @Test
    void againstAPrivateSetTheConsoleAndJsonSayHowFarOffButTheStaffJsonHasPyTorchsValues() throws IOException {
        Path submission = Fixtures.knownBad().stream().filter(m -> m.name().equals("sgd-wrong-sign")).findFirst().orElseThrow()
                .materialise(tmp.resolve("sgd-wrong-sign"));
        Path json = tmp.resolve("student.json");
        Path staff = tmp.resolve("staff.json");

        int status = run("grade", "--optional", "off", "--submission", submission.toString(), "--reference",
                "src/test/resources/hidden-reference", "--json", json.toString(), "--staff-json", staff.toString(), "--lang", "en");

        assertEquals(GraderCli.EXIT_FAILED, status, stderr());
        assertTrue(stdout().contains("epoch 1 differs first, by "), stdout());
        assertFalse(stdout().contains("expected 0."), stdout());
        assertFalse(Files.readString(json).contains("expected 0."));
        JsonNode student = new ObjectMapper().readTree(json.toFile());
        assertTrue(student.get("tasks").get(0).get("expected").get(0).isNull());
        JsonNode full = new ObjectMapper().readTree(staff.toFile());
        assertTrue(full.get("tasks").get(0).get("message").asText().contains("expected 0."), full.get("tasks").get(0).toString());
        assertTrue(full.get("tasks").get(0).get("expected").get(0).isNumber());
    }

    @Test
    void onlyTheHomeworkFolderIsCompiledAndTheRestIsListed() throws IOException {
        Path submission = tmp.resolve("repo");
        Fixtures.copyTree(Fixtures.KNOWN_GOOD, submission.resolve("src/main/java"));
        Files.createDirectories(submission.resolve("src/test/java/homework"));
        Files.writeString(submission.resolve("src/test/java/homework/MyTest.java"), "this is not even Java");
        Files.writeString(submission.resolve("src/main/java/homework/._Conv.java"), "\u0000\u0005\u0016\u0007");
        Path json = tmp.resolve("r.json");

        int status = run("grade", "--optional", "off", "--submission", submission.toString(), "--reference",
                Fixtures.referenceDir().toString(), "--json", json.toString(), "--lang", "en");

        assertEquals(GraderCli.EXIT_PASSED, status, stdout() + stderr());
        assertTrue(stdout().contains("left out, not compiled: src/main/java/homework/._Conv.java, src/test/java/homework/MyTest.java"),
                stdout());
        assertEquals("[\"src/main/java/homework/._Conv.java\",\"src/test/java/homework/MyTest.java\"]",
                new ObjectMapper().readTree(json.toFile()).get("ignored_files").toString());
    }

    @Test
    void aZipAsFinderMakesItIsGradedLikeItsFolder() throws IOException {
        Path zip = tmp.resolve("Иванов.zip");
        try (ZipArchiveOutputStream archive = new ZipArchiveOutputStream(zip)) {
            // macOS Finder: UTF-8 names in NFD without the language flag, a __MACOSX/ tree beside the folder
            archive.setEncoding("UTF-8");
            archive.setUseLanguageEncodingFlag(false);
            archive.setCreateUnicodeExtraFields(ZipArchiveOutputStream.UnicodeExtraFieldPolicy.NEVER);
            try (var files = Files.walk(Fixtures.KNOWN_GOOD)) {
                for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                    String name = "Домашка/" + Fixtures.KNOWN_GOOD.relativize(file).toString().replace('\\', '/');
                    entry(archive, Normalizer.normalize(name, Normalizer.Form.NFD), Files.readAllBytes(file));
                    if (name.endsWith("Conv.java")) {
                        entry(archive, "__MACOSX/Домашка/homework/._Conv.java", new byte[] {0, 5, 22, 7, 0, 2, 0, 0});
                    }
                }
            }
        }
        Path json = tmp.resolve("r.json");

        int status = run("grade", "--optional", "off", "--submission", zip.toString(), "--reference", Fixtures.referenceDir().toString(),
                "--json", json.toString(), "--lang", "en");

        assertEquals(GraderCli.EXIT_PASSED, status, stdout() + stderr());
        JsonNode report = new ObjectMapper().readTree(json.toFile());
        assertEquals(100.0, report.get("score").asDouble());
        assertEquals("[\"__MACOSX/\"]", report.get("ignored_files").toString());
        assertEquals("yes", report.get("answers").get("status").asText());
        assertTrue(stdout().contains("left out, not compiled: __MACOSX/"), stdout());
        assertTrue(Files.isRegularFile(zip));
    }

    private static void entry(ZipArchiveOutputStream archive, String name, byte[] bytes) throws IOException {
        archive.putArchiveEntry(new ZipArchiveEntry(name));
        archive.write(bytes);
        archive.closeArchiveEntry();
    }

    @Test
    void aFileThatIsNoZipIsAUsageErrorOfOneLine() throws IOException {
        Path file = Files.writeString(tmp.resolve("Conv.java"), "package homework;");

        assertEquals(GraderCli.EXIT_ERROR, run("grade", "--submission", file.toString()));
        assertEquals("error: " + file + " is neither a folder nor a .zip; give the folder of the sources or a .zip of it", stderr().strip());
    }

    @Test
    void aFolderWithoutJavaIsAUsageErrorOfOneLine() throws IOException {
        Path empty = Files.createDirectories(tmp.resolve("work"));
        Files.writeString(empty.resolve("notes.txt"), "todo");

        int status = run("grade", "--optional", "off", "--submission", empty.toString(), "--reference", Fixtures.referenceDir().toString());

        assertEquals(GraderCli.EXIT_ERROR, status);
        assertEquals("error: " + empty + " holds no .java file; give the folder of the sources (with homework/ in it) or a .zip of it",
                stderr().strip());
        assertEquals("", stdout());
    }

    @Test
    void aZipWithoutJavaIsTheSameUsageErrorInRussian() throws IOException {
        Path zip = tmp.resolve("empty.zip");
        try (ZipArchiveOutputStream archive = new ZipArchiveOutputStream(zip)) {
            entry(archive, "work/README.txt", "todo".getBytes(StandardCharsets.UTF_8));
        }

        int status = run("grade", "--submission", zip.toString(), "--reference", Fixtures.referenceDir().toString(), "--lang", "ru");

        assertEquals(GraderCli.EXIT_ERROR, status);
        assertEquals("error: в " + zip + " нет ни одного файла .java; укажите папку исходников (с homework/ внутри) или её .zip",
                stderr().strip());
    }

    @Test
    void submissionThatDoesNotCompileFailsEveryTaskWithTheCompilersMessage() throws IOException {
        Path broken = tmp.resolve("broken/homework");
        Files.createDirectories(broken);
        Files.writeString(broken.resolve("Conv.java"), "package homework;\nclass Conv { int x = ; }\n");

        int status = run("grade", "--optional", "off", "--submission", broken.getParent().toString(), "--reference",
                Fixtures.referenceDir().toString());

        assertEquals(GraderCli.EXIT_FAILED, status, stderr());
        assertTrue(stdout().contains("does not compile: 1 error(s); first: homework/Conv.java:2: "), stdout());
        assertTrue(stdout().contains("why it did not run:"), stdout());
    }

    @Test
    void aRelativeSubmissionPathThatDoesNotCompileStillGetsTheCompilersMessage() throws IOException {
        Path broken = tmp.resolve("broken/homework");
        Files.createDirectories(broken);
        Files.writeString(broken.resolve("Conv.java"), "package homework;\nclass Conv { int x = ; }\n");
        Path relative = Path.of("").toAbsolutePath().relativize(broken.getParent().toAbsolutePath());

        int status = run("grade", "--optional", "off", "--submission", relative.toString(), "--reference",
                Fixtures.referenceDir().toString());

        assertEquals(GraderCli.EXIT_FAILED, status, stderr());
        assertTrue(stdout().contains("does not compile: 1 error(s); first: homework/Conv.java:2: "), stdout());
    }

    @Test
    void missingSubmissionDirectoryIsAUsageError() {
        int status = run("grade", "--optional", "off", "--submission", tmp.resolve("nowhere").toString());

        assertEquals(GraderCli.EXIT_ERROR, status);
        assertEquals("error: submission directory " + tmp.resolve("nowhere") + " does not exist", stderr().strip());
    }

    @Test
    void aMisspeltOptionIsNamedWithTheNearestSpellingAndTheCommandsUsageAlone() {
        int status = run("grade", "--submision", "x");

        List<String> lines = stderr().lines().toList();
        assertEquals(GraderCli.EXIT_ERROR, status);
        assertEquals("error: unknown option --submision", lines.get(0));
        assertEquals("did you mean: --submission?", lines.get(1));
        assertTrue(lines.get(2).startsWith("Usage: scripts/grader grade [-h] "), lines.get(2));
        assertTrue(stderr().contains(" --submission=DIR|ZIP"), stderr());
        assertEquals("Help: scripts/grader grade --help", lines.get(lines.size() - 1));
        assertFalse(stderr().contains("scripts/grader batch"), stderr());
        assertEquals("", stdout());
    }

    @Test
    void aMisspeltCommandGetsTheNearestCommand() {
        int status = run("grdae", "--submission", "x");

        assertEquals(GraderCli.EXIT_ERROR, status);
        assertTrue(stderr().startsWith("error: unknown command grdae" + System.lineSeparator() + "did you mean: grade?"), stderr());
    }

    @Test
    void batchWithoutOutIsAUsageError() {
        assertEquals(GraderCli.EXIT_ERROR, run("batch", "--submissions", tmp.toString()));
        assertEquals("error: --out is required", stderr().lines().findFirst().orElseThrow());
        assertTrue(stderr().contains("Usage: scripts/grader batch "), stderr());
    }

    @Test
    void mergeWithoutArgumentsPrintsMergesUsageOnly() {
        assertEquals(GraderCli.EXIT_ERROR, run("merge"));

        assertEquals("error: --out, GRADEBOOK_OR_OUT_DIR is required", stderr().lines().findFirst().orElseThrow());
        assertTrue(stderr().contains("Usage: scripts/grader merge "), stderr());
        for (String other : List.of("grade", "batch", "train", "handout")) {
            assertFalse(stderr().contains("scripts/grader " + other), stderr());
        }
    }

    @Test
    void anOptionWithoutItsValueSaysSo() {
        assertEquals(GraderCli.EXIT_ERROR, run("grade", "--submission"));
        assertEquals("error: --submission needs a value", stderr().lines().findFirst().orElseThrow());
    }

    @Test
    void usageErrorsAreInRussianUnderLangRu() {
        assertEquals(GraderCli.EXIT_ERROR, run("grade", "--lang", "ru", "--sumbission", "x"));

        List<String> lines = stderr().lines().toList();
        assertEquals("error: неизвестный параметр --sumbission", lines.get(0));
        assertTrue(lines.get(2).startsWith("Использование: scripts/grader grade "), lines.get(2));
        assertEquals("Справка: scripts/grader grade --help", lines.get(lines.size() - 1));
    }

    @Test
    void inputErrorsAreInRussianUnderLangRuToo() {
        assertEquals(GraderCli.EXIT_ERROR, run("grade", "--submission", "x", "--timeout", "0", "--lang", "ru"));
        assertEquals("error: --timeout принимает число секунд, не меньше 0.1, а не 0", stderr().strip());
    }

    @Test
    void batchShardMustBeIOfN() {
        assertEquals(GraderCli.EXIT_ERROR, run("batch", "--submissions", "s", "--out", "o", "--shard", "5/4"));
        assertEquals("error: --shard 5/4: I must not exceed N", stderr().strip());
    }

    @Test
    void mergeCombinesShardGradebooks() throws IOException {
        String header = "id,status,score,task1_score,task1_summed_error,task2_score,task2_summed_error,task3_score,"
                + "task3_summed_error,layer_checks_passed,layer_checks,optional,optional_accuracy,optional_checks_passed,"
                + "optional_checks,seconds,detail";
        Path first = Files.createDirectories(tmp.resolve("graded-1"));
        Files.writeString(first.resolve("gradebook.csv"), header + "\nana,ok,100,20,5.774e-08,20,3.576e-07,20,3.010e-06,13,13,passed,0.9944,9,9,1.00,\n");
        Path second = Files.writeString(tmp.resolve("graded-2.csv"), header + "\nboris,failed,0,0,,0,,0,,0,13,,,0,9,2.00,task1: x\n");
        Path merged = tmp.resolve("gradebook.csv");

        int status = run("merge", "--out", merged.toString(), first.toString(), second.toString());

        assertEquals(GraderCli.EXIT_PASSED, status, stderr());
        List<String> lines = Files.readAllLines(merged);
        assertEquals(3, lines.size());
        assertTrue(lines.get(1).startsWith("\"ana\",\"ok\",\"100\""), lines.get(1));
        assertTrue(lines.get(2).startsWith("\"boris\",\"failed\""), lines.get(2));
    }

    @Test
    void mergeAddsManualPointsToTheGradebookAndToTheBatchsReports() throws IOException {
        String header = String.join(",", "id,status,score,task1_score,task1_summed_error,task2_score,task2_summed_error,task3_score",
                "task3_summed_error,layer_checks_passed,layer_checks,optional,optional_accuracy,optional_checks_passed,optional_checks",
                "seconds,detail,failed,max_similarity,most_similar_to,answered,manual_points,manual_comment");
        Path graded = Files.createDirectories(tmp.resolve("graded-1"));
        Files.writeString(graded.resolve("gradebook.csv"), header + "\nana,ok,100,20,5.774e-08,20,3.576e-07,20,3.010e-06,13,13,,,0,9,1.00,,,,,yes,,\n");
        Path report = Files.createDirectories(graded.resolve("submissions/ana")).resolve("report.json");
        Files.writeString(report, "{\"score\": 100.0}");
        Path manual = Files.writeString(tmp.resolve("manual.csv"), "id,points,comment\nana,2,good\nzed,1,x\n");
        Path merged = tmp.resolve("gradebook.csv");

        int status = run("merge", "--manual", manual.toString(), "--out", merged.toString(), graded.toString());

        assertEquals(GraderCli.EXIT_PASSED, status, stderr());
        assertEquals("warning: " + manual + ": no submission for 1 id(s): zed (line 3)", stderr().strip());
        assertTrue(stdout().contains("manual points for 1 of them from " + manual + " (1 reports updated)"), stdout());
        String row = Files.readAllLines(merged).get(1);
        assertTrue(row.startsWith("\"ana\",\"ok\",\"100\","), row);
        assertTrue(row.endsWith(",\"yes\",\"2\",\"good\""), row);
        JsonNode updated = new ObjectMapper().readTree(report.toFile());
        assertEquals(2.0, updated.get("manual").get("points").asDouble());
        assertEquals(100.0, updated.get("score").asDouble());
    }

    @Test
    void aBadManualFileIsAUsageErrorNamingItsLine() throws IOException {
        Path manual = Files.writeString(tmp.resolve("manual.csv"), "id,points\nana,x\n");

        int status = run("batch", "--submissions", tmp.toString(), "--out", tmp.resolve("out").toString(), "--manual", manual.toString());

        assertEquals(GraderCli.EXIT_ERROR, status);
        assertEquals("error: " + manual + ":2: points \"x\" of ana is not a number", stderr().strip());
    }

    @Test
    void trainFollowsTheGivenBatchOrderAndReportsTheMedianRun() throws IOException {
        Path submission = new Fixtures.Mutation("short", "3 epochs", "homework/OwnNetwork.java",
                List.of(Map.entry("return 40;", "return 3;")), Set.of(), Set.of(), null, null, -1, false,
                null, null, false).materialise(tmp.resolve("short"));
        StringBuilder order = new StringBuilder();
        for (int epoch = 0; epoch < 3; epoch++) {
            for (int i = 0; i < 1437; i++) {
                order.append(i == 0 ? "" : ",").append(epoch % 2 == 0 ? i : 1436 - i);
            }
            order.append('\n');
        }
        Path orderFile = Files.writeString(tmp.resolve("order.csv"), order);
        Path json = tmp.resolve("run.json");

        int status = run("train", "--submission", submission.toString(), "--reference", Fixtures.referenceDir().toString(),
                "--order", orderFile.toString(), "--repeat", "2", "--json", json.toString(), "--lang", "en");

        assertEquals(GraderCli.EXIT_PASSED, status, stdout() + stderr());
        assertTrue(stdout().startsWith("OwnNetwork: 3 epochs, batch 64, "), stdout());
        assertTrue(stdout().contains("2 runs from the same start"), stdout());
        JsonNode run = new ObjectMapper().readTree(json.toFile());
        assertEquals(3, run.get("train_loss").size());
        assertEquals(2, run.get("all_seconds").size());
        assertTrue(run.get("val_accuracy").asDouble() > 0.5, run.toString());
    }

    @Test
    void trainRefusesAnOrderThatIsNotAPermutation() throws IOException {
        Path orderFile = Files.writeString(tmp.resolve("order.csv"), "0,1,2\n");

        int status = run("train", "--submission", Fixtures.KNOWN_GOOD.toString(), "--reference", Fixtures.referenceDir().toString(),
                "--order", orderFile.toString());

        assertEquals(GraderCli.EXIT_ERROR, status);
        assertEquals("error: " + orderFile + ": epoch 0 of the batch order has 3 rows, not 1437", stderr().strip());
    }

    @Test
    void trainNamesACorruptInitFile() throws IOException {
        Path init = Files.write(tmp.resolve("init.onnx"), new byte[] {1, 2, 3});

        int status = run("train", "--submission", Fixtures.KNOWN_GOOD.toString(), "--reference", Fixtures.referenceDir().toString(),
                "--init", init.toString());

        assertEquals(GraderCli.EXIT_ERROR, status);
        assertTrue(stderr().startsWith("error: ") && stderr().contains(init.toString()) && stderr().strip().lines().count() == 1,
                stderr());
    }

    @Test
    void optionalModeMustBeKnown() {
        assertEquals(GraderCli.EXIT_ERROR, run("grade", "--submission", "x", "--optional", "sometimes"));
        assertEquals("error: --optional takes off, own or compare, not sometimes", stderr().strip());
    }

    @Test
    void theTemplatesOptionalTaskIsNotAttempted() {
        int status = run("grade", "--optional", "compare", "--submission", Fixtures.TEMPLATE.toString(), "--reference",
                Fixtures.referenceDir().toString(), "--lang", "en");

        assertEquals(GraderCli.EXIT_FAILED, status);
        assertTrue(stdout().contains("Optional task (not in the score)"), stdout());
        assertTrue(stdout().contains("not attempted: OwnNetwork is still a template stub"), stdout());
        assertFalse(stdout().contains("Optimizer comparison"), stdout());
    }

    @Test
    void noCommandListsTheCommands() {
        assertEquals(GraderCli.EXIT_ERROR, run());

        assertTrue(stderr().startsWith("error: no command given" + System.lineSeparator()), stderr());
        assertTrue(stderr().contains(System.lineSeparator() + "Usage: scripts/grader [-h] [--lang=ru|en] [COMMAND]" + System.lineSeparator()), stderr());
        for (String command : List.of("grade", "batch", "train", "merge", "handout", "help")) {
            assertTrue(stderr().contains(System.lineSeparator() + "  " + command + " "), command + ": " + stderr());
        }
    }

    @Test
    void nonPositiveTimeoutIsRejected() {
        assertEquals(GraderCli.EXIT_ERROR, run("grade", "--optional", "off", "--submission", "x", "--timeout", "0"));
        assertEquals("error: --timeout takes a number of seconds, at least 0.1, not 0", stderr().strip());
    }

    /**
     * @param args a command line
     * @return the words its command was given, as picocli parses them
     */
    static Given given(String... args) {
        return Given.of(GraderCli.commandLine(System.out, System.err, Locale.ENGLISH).parseArgs(args).subcommand());
    }

    private static List<Double> readCsvColumn(String relative, int column) throws IOException {
        return Files.readAllLines(Fixtures.referenceDir().resolve(relative)).stream().skip(1)
                .map(line -> Double.parseDouble(line.split(",")[column])).toList();
    }

    private static List<Double> doubles(JsonNode array) {
        List<Double> values = new ArrayList<>();
        array.forEach(node -> values.add(node.asDouble()));
        return values;
    }
}
