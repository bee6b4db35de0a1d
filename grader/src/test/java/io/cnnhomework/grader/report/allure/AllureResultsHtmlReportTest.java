package io.cnnhomework.grader.report.allure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scripts/allure-report} end to end: the grader's results for the known-good submission and
 * the untouched template, side by side in one results directory, become an HTML report whose data
 * holds each task's loss curve and summed error. The first run fetches the Allure command line
 * from Maven Central through {@code ./mvnw}.
 */
@EnabledOnOs({OS.LINUX, OS.MAC})
class AllureResultsHtmlReportTest {

    private static final Path SCRIPT = Path.of("../scripts/allure-report");

    @TempDir
    Path tmp;

    private record Run(int status, String output) {
    }

    private Run run(String... args) throws IOException, InterruptedException {
        List<String> command = Stream.concat(Stream.of("bash", SCRIPT.toString()), Stream.of(args)).toList();
        Path log = Files.createTempFile(tmp, "allure-report", ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean finished = process.waitFor(5, TimeUnit.MINUTES);
        if (!finished) {
            process.destroyForcibly();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertTrue(finished, "scripts/allure-report still running after 5 minutes: " + output);
        return new Run(process.exitValue(), output);
    }

    @Test
    void htmlReportHoldsEveryTasksLossCurveAndSummedErrorForEachSubmission() throws IOException, InterruptedException {
        Path results = tmp.resolve("allure-results");
        AllureResults.write(SampleReports.knownGood(), results, Locale.ENGLISH, "known-good");
        AllureResults.write(SampleReports.template(), results, Locale.ENGLISH, "template");
        Path report = tmp.resolve("allure-report");

        Run run = run(results.toString(), report.toString());

        assertEquals(0, run.status(), run.output());
        Map<String, JsonNode> testCases = new HashMap<>();
        ObjectMapper json = new ObjectMapper();
        try (Stream<Path> files = Files.list(report.resolve("data/test-cases"))) {
            for (Path file : files.toList()) {
                JsonNode testCase = json.readTree(file.toFile());
                testCases.put(testCase.get("fullName").asText(), testCase);
            }
        }
        assertEquals(2 * (SampleReports.knownGood().checks().size() + 3), testCases.size(), testCases.keySet().toString());
        for (String submission : List.of("known-good", "template")) {
            for (String task : List.of("task1", "task2", "task3")) {
                JsonNode testCase = testCases.get(submission + ": " + task);
                assertNotNull(testCase, submission + ": " + task + " in " + testCases.keySet());
                JsonNode png = null;
                for (JsonNode attachment : testCase.get("testStage").get("attachments")) {
                    if (attachment.get("type").asText().equals("image/png")) {
                        png = attachment;
                    }
                }
                assertNotNull(png, testCase.toString());
                assertTrue(Files.size(report.resolve("data/attachments").resolve(png.get("source").asText())) > 0);
                String summed = null;
                for (JsonNode parameter : testCase.get("parameters")) {
                    if (parameter.get("name").asText().equals("summed error")) {
                        summed = parameter.get("value").asText();
                    }
                }
                assertNotNull(summed, testCase.get("parameters").toString());
                if (submission.equals("known-good")) {
                    assertTrue(summed.matches("\\d\\.\\d\\de-0[5-9]"), summed);
                    assertEquals("passed", testCase.get("status").asText());
                } else {
                    assertEquals("-", summed);
                    assertEquals("broken", testCase.get("status").asText());
                }
            }
        }
    }

    @Test
    void missingResultsDirectoryIsAOneLineError() throws IOException, InterruptedException {
        Run run = run(tmp.resolve("absent").toString(), tmp.resolve("report").toString());

        assertEquals(2, run.status());
        assertEquals("scripts/allure-report: results directory " + tmp.resolve("absent") + " does not exist\n", run.output());
        assertFalse(Files.exists(tmp.resolve("report")));
    }

    @Test
    void wrongNumberOfArgumentsPrintsUsage() throws IOException, InterruptedException {
        Run run = run(tmp.toString());

        assertEquals(2, run.status());
        assertEquals("scripts/allure-report: usage: scripts/allure-report [--lang ru|en] [--single-file] RESULTS_DIR OUT_DIR\n",
                run.output());
    }
}
