package io.cnnhomework.grader.report.allure;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cnnhomework.grader.exercise.LayerKind;
import io.cnnhomework.grader.grading.GradeReport;
import io.cnnhomework.grader.grading.Timing;
import io.cnnhomework.grader.messages.Messages;
import io.cnnhomework.grader.grading.TaskGrade;
import io.cnnhomework.grader.messages.Text;
import io.cnnhomework.grader.submission.FailureKind;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AllureResultsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    @TempDir
    Path dir;

    /** @return every result in the directory, by name */
    static Map<String, JsonNode> results(Path dir) throws IOException {
        Map<String, JsonNode> results = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith("-result.json")).sorted().toList()) {
                JsonNode result = JSON.readTree(file.toFile());
                results.put(result.get("name").asText(), result);
            }
        }
        return results;
    }

    private static String label(JsonNode result, String name) {
        List<String> values = labels(result, name);
        assertEquals(1, values.size(), name + " labels of " + result.get("name"));
        return values.get(0);
    }

    private static List<String> labels(JsonNode result, String name) {
        List<String> values = new ArrayList<>();
        result.get("labels").forEach(l -> {
            if (l.get("name").asText().equals(name)) {
                values.add(l.get("value").asText());
            }
        });
        return values;
    }

    private static Map<String, String> parameters(JsonNode node) {
        Map<String, String> parameters = new LinkedHashMap<>();
        node.get("parameters").forEach(p -> parameters.put(p.get("name").asText(), p.get("value").asText()));
        return parameters;
    }

    private static List<String> stepNames(JsonNode result) {
        List<String> names = new ArrayList<>();
        result.get("steps").forEach(s -> names.add(s.get("name").asText()));
        return names;
    }

    private static JsonNode attachment(JsonNode result, String type) {
        for (JsonNode attachment : result.get("attachments")) {
            if (attachment.get("type").asText().equals(type)) {
                return attachment;
            }
        }
        throw new AssertionError("no " + type + " attachment in " + result.get("name"));
    }

    private String read(JsonNode attachment) throws IOException {
        return Files.readString(dir.resolve(attachment.get("source").asText()), StandardCharsets.UTF_8);
    }

    private Map<String, JsonNode> writeHandMade() throws IOException {
        AllureResults.write(SampleReports.handMade(), dir, Locale.ENGLISH, "alice");
        return results(dir);
    }

    @Test
    void writesOneResultPerLayerCheckAndPerTask() throws IOException {
        Map<String, JsonNode> results = writeHandMade();

        assertEquals(List.of("Conv \u00b7 conv_task1", "Fc \u00b7 fc_batch4", "Softmax \u00b7 softmax_large_logits", "task1",
                "task2", "task3"), results.keySet().stream().sorted().toList());
        for (JsonNode result : results.values()) {
            assertTrue(result.get("fullName").asText().startsWith("alice: "), result.get("fullName").asText());
            assertEquals("finished", result.get("stage").asText());
            assertTrue(result.get("stop").asLong() >= result.get("start").asLong());
            assertTrue(Files.exists(dir.resolve(result.get("uuid").asText() + "-result.json")));
        }
    }

    @Test
    void statusIsPassedFailedForWrongValuesAndBrokenWhenStudentCodeFailed() throws IOException {
        Map<String, JsonNode> results = writeHandMade();

        assertEquals("passed", results.get("Conv \u00b7 conv_task1").get("status").asText());
        assertEquals("failed", results.get("Fc \u00b7 fc_batch4").get("status").asText());
        assertEquals("broken", results.get("Softmax \u00b7 softmax_large_logits").get("status").asText());
        assertEquals("passed", results.get("task1").get("status").asText());
        assertEquals("broken", results.get("task2").get("status").asText());
        assertEquals("failed", results.get("task3").get("status").asText());
    }

    @Test
    void statusMessageIsTheRenderedMessageWithTheHintOrTheDivergenceBelow() throws IOException {
        Map<String, JsonNode> results = writeHandMade();

        String fc = results.get("Fc \u00b7 fc_batch4").get("statusDetails").get("message").asText();
        assertTrue(fc.startsWith("grad_weight: 4 of 4 values differ; first at [0, 0]: expected 1.00000, got 4.00000"), fc);
        assertTrue(fc.endsWith("\nhint: grad_weight is exactly m = 4 (the batch size) times too large: divide dW and db by m (reduction=mean)"),
                fc);
        assertEquals("not implemented: BatchNorm2d.forward",
                results.get("task2").get("statusDetails").get("message").asText());
        String task3 = results.get("task3").get("statusDetails").get("message").asText();
        assertTrue(task3.contains("\nwhere: the logits, parameters and gradients match PyTorch through epoch 2"), task3);
    }

    @Test
    void russianReportRendersMessagesAndSuitesInRussian() throws IOException {
        AllureResults.write(SampleReports.handMade(), dir, Messages.RUSSIAN, "alice");
        Map<String, JsonNode> results = results(dir);

        assertEquals("не реализовано: BatchNorm2d.forward", results.get("task2").get("statusDetails").get("message").asText());
        assertEquals("2. Задания", label(results.get("task2"), "suite"));
        assertEquals("1. Проверки слоёв", label(results.get("Fc \u00b7 fc_batch4"), "suite"));
    }

    @Test
    void labelsNameTheSubmissionSuiteFeatureAndJunitTag() throws IOException {
        Map<String, JsonNode> results = writeHandMade();

        JsonNode fc = results.get("Fc \u00b7 fc_batch4");
        assertEquals("alice", label(fc, "parentSuite"));
        assertEquals("1. Layer checks", label(fc, "suite"));
        assertEquals("2. Fc", label(fc, "subSuite"));
        assertEquals("Fc", label(fc, "feature"));
        assertEquals("fc", label(fc, "tag"));
        JsonNode task3 = results.get("task3");
        assertEquals("alice", label(task3, "parentSuite"));
        assertEquals("2. Tasks", label(task3, "suite"));
        assertEquals("task3", label(task3, "feature"));
        assertEquals("task3", label(task3, "tag"));
    }

    @Test
    void junitTagOfEveryHomeworkLayer() {
        assertEquals(List.of("conv", "fc", "relu", "softmax", "cross-entropy", "batchnorm", "avgpool", "sgd"),
                Stream.of("Conv", "Fc", "ReLU", "Softmax", "CrossEntropyLoss", "BatchNorm2d", "AvgPool", "SGD")
                        .map(name -> LayerKind.byClassName(name).orElseThrow().tag()).toList());
    }

    @Test
    void checkParametersAreTheCaseShapesFirst() throws IOException {
        Map<String, JsonNode> results = writeHandMade();

        Map<String, String> conv = parameters(results.get("Conv \u00b7 conv_task1"));
        assertEquals(List.of("input shape", "weight shape", "padding", "stride"), List.copyOf(conv.keySet()));
        assertEquals("[2, 1, 5, 5]", conv.get("input shape"));
        assertEquals("1", conv.get("stride"));
    }

    @Test
    void taskParametersAreEpochsLearningRateAndSummedErrorsAsTheConsolePrintsThem() throws IOException {
        Map<String, JsonNode> results = writeHandMade();

        assertEquals(Map.of("epochs", "3", "lr", "1", "summed error", "5.77e-08"), parameters(results.get("task1")));
        assertEquals("-", parameters(results.get("task2")).get("summed error"));
        assertEquals(Map.of("epochs", "3", "lr", "1", "summed error", "3.01e-06", "validation summed error", "-"),
                parameters(results.get("task3")));
    }

    @Test
    void learningRateComesFromTheGivenFunctionWhenSupplied() throws IOException {
        AllureResults.write(SampleReports.handMade(), dir, Locale.ENGLISH, "alice", task -> task.equals("task2") ? 0.5 : 1);

        assertEquals("0.5", parameters(results(dir).get("task2")).get("lr"));
        assertEquals("1", parameters(results(dir).get("task1")).get("lr"));
    }

    @Test
    void checkHasOneStepPerTensorWithTheMismatchOnTheFailingOne() throws IOException {
        Map<String, JsonNode> results = writeHandMade();

        JsonNode fc = results.get("Fc \u00b7 fc_batch4");
        assertEquals(List.of("output", "grad_weight"), stepNames(fc));
        assertEquals("passed", fc.get("steps").get(0).get("status").asText());
        JsonNode gradWeight = fc.get("steps").get(1);
        assertEquals("failed", gradWeight.get("status").asText());
        assertTrue(gradWeight.get("statusDetails").get("message").asText().startsWith("grad_weight: 4 of 4 values differ"));
        assertEquals("1.20e+01", parameters(gradWeight).get("max |\u0394|"));
        JsonNode softmax = results.get("Softmax \u00b7 softmax_large_logits");
        assertEquals("broken", softmax.get("steps").get(0).get("status").asText());
        assertEquals("output was not produced (expected shape [2, 2])",
                softmax.get("steps").get(0).get("statusDetails").get("message").asText());
    }

    @Test
    void taskStepsTrainCompareAndLocateTheDivergenceWhenThereIsOne() throws IOException {
        Map<String, JsonNode> results = writeHandMade();

        assertEquals(List.of("train 3 epochs", "compare with PyTorch (summed error 5.77e-08)"), stepNames(results.get("task1")));
        JsonNode task2 = results.get("task2");
        assertEquals(List.of("train 3 epochs", "compare with PyTorch (summed error -)"), stepNames(task2));
        assertEquals("broken", task2.get("steps").get(0).get("status").asText());
        assertEquals("skipped", task2.get("steps").get(1).get("status").asText());
        JsonNode task3 = results.get("task3");
        assertEquals(List.of("train 3 epochs", "compare with PyTorch (summed error 3.01e-06; validation -)", "locate divergence"),
                stepNames(task3));
        assertEquals("failed", task3.get("steps").get(1).get("status").asText());
        assertEquals("the logits, parameters and gradients match PyTorch through epoch 2; only the loss value differs: check CrossEntropyLoss",
                task3.get("steps").get(2).get("statusDetails").get("message").asText());
    }

    @Test
    void everyTaskHasItsLossCurvePngAndPerEpochCsv() throws IOException {
        Map<String, JsonNode> results = writeHandMade();

        for (String task : List.of("task1", "task2", "task3")) {
            byte[] png = Files.readAllBytes(dir.resolve(attachment(results.get(task), "image/png").get("source").asText()));
            assertArrayEquals(PNG_SIGNATURE, Arrays.copyOf(png, PNG_SIGNATURE.length), task);
            assertTrue(attachment(results.get(task), "image/png").get("source").asText().endsWith("-attachment.png"));
        }
        assertEquals("epoch,loss_pt,loss_student,|\u0394|\n0,0.936000,0.936000,0.000000\n1,0.710000,0.710000,0.000000\n"
                + "2,0.520000,0.520000,0.000000\n", read(attachment(results.get("task1"), "text/csv")));
        assertEquals("epoch,loss_pt,loss_student,|\u0394|\n0,0.800000,,\n1,0.600000,,\n2,0.400000,,\n",
                read(attachment(results.get("task2"), "text/csv")));
        assertEquals("epoch,loss_pt,loss_student,|\u0394|,loss_val_pt,loss_val_student,|\u0394| validation\n"
                + "0,2.300000,2.300000,0.000000,2.310000,2.310000,0.000000\n1,2.100000,2.100000,0.000000,2.200000,NaN,NaN\n"
                + "2,1.900000,1.900000,0.000000,2.000000,2.500000,0.500000\n", read(attachment(results.get("task3"), "text/csv")));
    }

    @Test
    void failedTaskAttachesItsMessageAndPassedTaskDoesNot() throws IOException {
        Map<String, JsonNode> results = writeHandMade();

        assertEquals("not implemented: BatchNorm2d.forward", read(attachment(results.get("task2"), "text/plain")));
        assertEquals(2, results.get("task1").get("attachments").size());
    }

    @Test
    void failedCheckAttachesTheTableOfItsTensors() throws IOException {
        Map<String, JsonNode> results = writeHandMade();

        assertEquals("tensor,passed,mismatches,first index,expected,actual,max |\u0394|\n"
                + "output,true,0,,,,0.00e+00\n"
                + "grad_weight,false,4,\"[0, 0]\",1.00000,4.00000,1.20e+01\n",
                read(attachment(results.get("Fc \u00b7 fc_batch4"), "text/csv")));
        assertEquals("tensor,passed,mismatches,first index,expected,actual,max |\u0394|\n"
                + "output,false,4,,\"shape [2, 2]\",missing,inf\n",
                read(attachment(results.get("Softmax \u00b7 softmax_large_logits"), "text/csv")));
        assertEquals(0, results.get("Conv \u00b7 conv_task1").get("attachments").size());
    }

    @Test
    void everyReferencedAttachmentExistsAndIsNotEmpty() throws IOException {
        Map<String, JsonNode> results = writeHandMade();

        int attachments = 0;
        for (JsonNode result : results.values()) {
            for (JsonNode attachment : result.get("attachments")) {
                Path file = dir.resolve(attachment.get("source").asText());
                assertTrue(Files.size(file) > 0, file.toString());
                attachments++;
            }
        }
        assertEquals(1 + 1 + 2 + 3 + 3, attachments);
    }

    @Test
    void historyIdIsStableForTheSameSubmissionAndDiffersBetweenSubmissions() throws IOException {
        String first = writeHandMade().get("task1").get("historyId").asText();
        Path other = dir.resolve("again");
        AllureResults.write(SampleReports.handMade(), other, Locale.ENGLISH, "alice");
        AllureResults.write(SampleReports.handMade(), dir.resolve("bob"), Locale.ENGLISH, "bob");

        assertEquals(first, results(other).get("task1").get("historyId").asText());
        assertEquals(first, results(other).get("task1").get("testCaseId").asText());
        assertNotEquals(first, results(dir.resolve("bob")).get("task1").get("historyId").asText());
        assertNotEquals(first, results(other).get("task2").get("historyId").asText());
    }

    @Test
    void sharedResultsDirectoryKeepsOtherFilesAndEarlierResults() throws IOException {
        Path unrelated = Files.writeString(dir.resolve("0000-result.json.keep"), "x");
        AllureResults.write(SampleReports.handMade(), dir, Locale.ENGLISH, "alice");
        AllureResults.write(SampleReports.handMade(), dir, Locale.ENGLISH, "bob");

        assertEquals("x", Files.readString(unrelated));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(12, files.filter(f -> f.getFileName().toString().endsWith("-result.json")).count());
        }
    }

    @Test
    void writesEnvironmentWithLanguageAndSubmission() throws IOException {
        AllureResults.write(SampleReports.handMade(), dir.resolve("new/results"), Messages.RUSSIAN, "Иванов");

        Properties environment = new Properties();
        try (InputStream in = Files.newInputStream(dir.resolve("new/results/environment.properties"))) {
            environment.load(in);
        }
        assertEquals("ru", environment.getProperty("language"));
        assertEquals("Иванов", environment.getProperty("submission"));
    }

    @Test
    void inAClassEachStudentsScoreShowsAndNoEnvironmentNamesOneOfThem() throws IOException {
        GradeReport report = SampleReports.handMade();
        AllureResults.write(report, dir.resolve("alice"), Locale.ENGLISH, "alice", task -> 1, true);
        AllureResults.write(SampleReports.knownGood(), dir.resolve("bob"), Locale.ENGLISH, "bob", task -> 1, true);

        assertFalse(Files.exists(dir.resolve("alice/environment.properties")), "no value of one student stands for the class");
        Map<String, JsonNode> alice = results(dir.resolve("alice"));
        assertTrue(results(dir.resolve("bob")).values().stream().allMatch(r -> label(r, "parentSuite").equals("bob \u00b7 100 / 100")));
        assertEquals(40.0, report.score());
        String score = "alice \u00b7 40 / 100";
        for (JsonNode result : alice.values()) {
            assertEquals(score, label(result, "parentSuite"));
            assertEquals("alice", label(result, "thread"), "one timeline row per student");
            assertTrue(result.get("parameters").toString().contains("{\"name\":\"score\",\"value\":\""
                    + score.substring("alice \u00b7 ".length()) + "\"}"), result.get("parameters").toString());
        }
        assertEquals(AllureResults.stableId("alice", "task1"), alice.get("task1").get("historyId").asText(),
                "the history follows the student, not the score");

        AllureResults.write(report, dir.resolve("ivanov"), Messages.RUSSIAN, "ivanov", task -> 1, true);
        for (JsonNode result : results(dir.resolve("ivanov")).values()) {
            assertTrue(result.get("parameters").toString().contains("{\"name\":\"баллы\",\"value\":\"40 / 100\"}"),
                    result.get("parameters").toString());
        }

        AllureResults.writeClassEnvironment(dir, new LinkedHashMap<>(Map.of("submissions", "2")), Locale.ENGLISH);

        Properties environment = new Properties();
        try (InputStream in = Files.newInputStream(dir.resolve("environment.properties"))) {
            environment.load(in);
        }
        assertEquals(Map.of("submissions", "2"), Map.copyOf(environment));
    }

    @Test
    void testsLastAsLongAsTheirGradingAndFollowTheHomeworksOrder() throws IOException {
        GradeReport report = SampleReports.handMade().withTimings(Map.of("fc_batch4", new Timing(1_000, 1_250),
                "task3", new Timing(2_000, 2_900)));
        AllureResults.write(report, dir, Locale.ENGLISH, "alice");
        Map<String, JsonNode> results = results(dir);

        JsonNode fc = results.get("Fc \u00b7 fc_batch4");
        assertEquals(1_000, fc.get("start").asLong());
        assertEquals(1_250, fc.get("stop").asLong());
        assertEquals(900, results.get("task3").get("stop").asLong() - results.get("task3").get("start").asLong());
        assertEquals("1. Conv", label(results.get("Conv \u00b7 conv_task1"), "subSuite"));
        assertEquals("3. Softmax", label(results.get("Softmax \u00b7 softmax_large_logits"), "subSuite"));
    }

    @Test
    void realGradingTimesEveryCheckAndTask() {
        GradeReport report = SampleReports.knownGood();

        for (String key : List.of("conv_task1", "fc_batch4", "task1", "task3")) {
            Timing timing = report.timings().get(key);
            assertTrue(timing != null && timing.millis() >= 0 && timing.startMillis() > 0, key + ": " + timing);
        }
        assertTrue(report.timings().get("task1").startMillis() >= report.timings().get("sgd_step").stopMillis(),
                "tasks after the layer checks");
    }

    @Test
    void everyFailedOrBrokenResultFallsIntoExactlyOneCategoryOfItsKind() throws IOException {
        Map<String, JsonNode> results = writeHandMade();
        JsonNode categories = JSON.readTree(dir.resolve("categories.json").toFile());

        assertEquals(List.of("Not implemented", "Student code throws an exception",
                "Breaks the homework contract (class, constructor, shape)", "Timeout", "Runs out of memory",
                "Its JVM crashed or broke the protocol", "Refused by the bytecode policy", "Does not compile",
                "The archive cannot be unpacked", "Wrong values"),
                names(categories));
        assertEquals(List.of("Wrong values"), matching(categories, results.get("Fc \u00b7 fc_batch4")));
        assertEquals(List.of("Not implemented"), matching(categories, results.get("Softmax \u00b7 softmax_large_logits")));
        assertEquals(List.of("Not implemented"), matching(categories, results.get("task2")));
        assertEquals(List.of("Wrong values"), matching(categories, results.get("task3")));
        assertEquals(List.of(), matching(categories, results.get("task1")));
    }

    @Test
    void knownGoodSubmissionPassesEverythingWithSummedErrorsAndValidation() throws IOException {
        GradeReport report = SampleReports.knownGood();
        AllureResults.write(report, dir, Locale.ENGLISH, "known-good");
        Map<String, JsonNode> results = results(dir);

        assertEquals(report.checks().size() + 3, results.size());
        results.values().forEach(r -> assertEquals("passed", r.get("status").asText(), r.get("name").asText()));
        Map<String, String> task3 = parameters(results.get("task3"));
        assertTrue(Pattern.matches("\\d\\.\\d\\de-0[6-9]", task3.get("summed error")), task3.toString());
        assertTrue(Pattern.matches("\\d\\.\\d\\de-0[6-9]", task3.get("validation summed error")), task3.toString());
        assertEquals("10", task3.get("epochs"));
        assertEquals("3", parameters(results.get("task1")).get("epochs"));
        assertEquals("conv", label(results.get("Conv \u00b7 conv_multichannel_stride2_pad1"), "tag"));
        assertTrue(parameters(results.get("Conv \u00b7 conv_multichannel_stride2_pad1")).containsKey("stride"));
    }

    @Test
    void untouchedTemplateIsBrokenAsNotImplementedEverywhere() throws IOException {
        AllureResults.write(SampleReports.template(), dir, Locale.ENGLISH, "template");
        Map<String, JsonNode> results = results(dir);
        JsonNode categories = JSON.readTree(dir.resolve("categories.json").toFile());

        for (JsonNode result : results.values()) {
            if (label(result, "suite").equals("3. Optional task (not in the score)")) {
                // the optional task's stubs are skipped, as the student's tests skip them
                assertEquals("skipped", result.get("status").asText(), result.get("name").asText());
                continue;
            }
            assertEquals("broken", result.get("status").asText(), result.get("name").asText());
            assertEquals(List.of("Not implemented"), matching(categories, result), result.get("name").asText());
        }
        assertTrue(results.values().stream().anyMatch(result -> result.get("status").asText().equals("broken")));
    }

    private static List<String> names(JsonNode categories) {
        List<String> names = new ArrayList<>();
        categories.forEach(c -> names.add(c.get("name").asText()));
        return names;
    }

    /** Allure's rule: the status is one of the category's, and the whole trace matches its regex. */
    private static List<String> matching(JsonNode categories, JsonNode result) {
        List<String> names = new ArrayList<>();
        String status = result.get("status").asText();
        JsonNode trace = result.get("statusDetails").get("trace");
        for (JsonNode category : categories) {
            boolean statusMatches = false;
            for (JsonNode s : category.get("matchedStatuses")) {
                statusMatches |= s.asText().equals(status);
            }
            if (statusMatches && trace != null && trace.asText().matches(category.get("traceRegex").asText())) {
                names.add(category.get("name").asText());
            }
        }
        return names;
    }

    @Test
    void messagesAndTracesAllureRendersAsHtmlAreEscapedAndNamesAreLeftToAllure() throws IOException {
        Text thrown = Text.of("failure.exception", "IllegalStateException", "<img src=x onerror=alert(1)><b>bold</b>",
                Text.of("failure.where", "homework.CustomModel.<init>(CustomModel.java:19)"));
        TaskGrade task = new TaskGrade("task1", false, Double.NaN, new double[] {0.9, 0.5}, new double[0], null, null, Double.NaN,
                thrown, null, FailureKind.EXCEPTION);
        AllureResults.write(new GradeReport(List.of(), List.of(task), List.of()), dir, Locale.ENGLISH, "<b>bob</b>");

        JsonNode result = results(dir).get("task1");

        String message = result.get("statusDetails").get("message").asText();
        assertEquals("IllegalStateException: &lt;img src=x onerror=alert(1)&gt;&lt;b&gt;bold&lt;/b&gt; (at homework.CustomModel.&lt;init&gt;"
                + "(CustomModel.java:19))", message);
        for (JsonNode step : result.get("steps")) {
            if (step.has("statusDetails")) {
                assertFalse(step.get("statusDetails").get("message").asText().contains("<"), step.toString());
            }
        }
        assertEquals("<b>bob</b>: task1", result.get("fullName").asText());
    }

    @Test
    void aPrivateSetsResultsHaveNoPyTorchColumnsInTheLossTable() {
        TaskGrade full = SampleReports.handMade().task("task3");

        String table = new String(AllureResults.lossTable(full.withoutReferenceValues(), Locale.ENGLISH), java.nio.charset.StandardCharsets.UTF_8);

        assertEquals("epoch,loss_student,loss_val_student", table.lines().findFirst().orElseThrow());
        assertFalse(table.contains("2.31,2.2") || table.contains("2.2,"), table);
    }

    @Test
    void underRussianTheParametersAndTheCsvHeadersAreRussian() throws IOException {
        AllureResults.write(SampleReports.handMade(), dir, Messages.RUSSIAN, "alice");
        Map<String, JsonNode> results = results(dir);

        assertEquals(Map.of("эпох", "3", "скорость обучения", "1", "суммарная ошибка", "5.77e-08"), parameters(results.get("task1")));
        assertEquals(Map.of("выполнено эпох", "3"), parameters(results.get("task1").get("steps").get(0)));
        Map<String, String> conv = parameters(results.get("Conv \u00b7 conv_task1"));
        assertEquals(List.of("форма input", "форма weight", "padding", "stride"), List.copyOf(conv.keySet()));
        assertEquals("4", parameters(results.get("Fc \u00b7 fc_batch4")).get("размер пакета"));
        assertEquals("эпоха,потери PyTorch,ваши потери,|\u0394|", read(attachment(results.get("task1"), "text/csv")).lines().findFirst()
                .orElseThrow());
        assertTrue(read(attachment(results.get("task3"), "text/csv")).startsWith(
                "эпоха,потери PyTorch,ваши потери,|\u0394|,потери на валидации PyTorch,ваши потери на валидации,|\u0394| на валидации\n"));
    }

    @Test
    void lossesAreWrittenAsTheNotebookPrintsThemNotAsJavaDoubles() {
        assertEquals("0.936000", AllureResults.notebookNumber(0.936));
        assertEquals("6.728863e-05", AllureResults.notebookNumber(6.728863081661984E-5));
        assertEquals("0.000000", AllureResults.notebookNumber(0));
        assertEquals("NaN", AllureResults.notebookNumber(Double.NaN));
        assertEquals("inf", AllureResults.notebookNumber(Double.POSITIVE_INFINITY));
    }

    @Test
    void anOptionalStubIsSkippedNotBroken() throws IOException {
        io.cnnhomework.grader.grading.LayerCheck stub = new io.cnnhomework.grader.grading.LayerCheck("adam", LayerKind.ADAM, Map.of(),
                List.of(), false, 0, Text.of("failure.not-implemented", Text.of("stub.Adam.updateParams"), ""), null,
                FailureKind.NOT_IMPLEMENTED, true);
        io.cnnhomework.grader.grading.LayerCheck required = new io.cnnhomework.grader.grading.LayerCheck("relu_with_zeros", LayerKind.RELU,
                Map.of(), List.of(), false, 0, Text.of("failure.not-implemented", Text.of("stub.ReLU.forward"), ""), null,
                FailureKind.NOT_IMPLEMENTED, false);
        AllureResults.write(new GradeReport(List.of(required, stub), List.of(), List.of()), dir, Locale.ENGLISH, "alice");

        Map<String, String> statuses = new LinkedHashMap<>();
        results(dir).values().forEach(result -> statuses.put(result.get("fullName").asText(), result.get("status").asText()));
        assertTrue(statuses.entrySet().stream().anyMatch(e -> e.getKey().contains("adam") && e.getValue().equals("skipped")), statuses.toString());
        assertTrue(statuses.entrySet().stream().anyMatch(e -> e.getKey().contains("relu") && e.getValue().equals("broken")), statuses.toString());
    }
}
