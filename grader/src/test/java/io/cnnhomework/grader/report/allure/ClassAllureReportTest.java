package io.cnnhomework.grader.report.allure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cnnhomework.grader.HeadlessChromium;
import io.cnnhomework.grader.messages.Messages;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * A class's Allure report through {@code scripts/allure-report}: two students graded in Russian,
 * the report made in Russian as one file, opened from disk in headless Chromium.
 */
@EnabledOnOs({OS.LINUX, OS.MAC})
class ClassAllureReportTest {

    private static final Path SCRIPT = Path.of("../scripts/allure-report");

    @TempDir
    static Path tmp;

    private static Path results;

    @BeforeAll
    static void writeAClassesResults() throws IOException {
        results = tmp.resolve("allure-results");
        AllureResults.write(SampleReports.knownGood(), results, Messages.RUSSIAN, "alice", task -> 1, true);
        AllureResults.write(SampleReports.template(), results, Messages.RUSSIAN, "bob", task -> 1, true);
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("language", "ru");
        environment.put("submissions", "2");
        environment.put("группа", "Б-01");
        AllureResults.writeClassEnvironment(results, environment, Messages.RUSSIAN);
    }

    private static String run(String... args) throws IOException, InterruptedException {
        List<String> command = Stream.concat(Stream.of("bash", SCRIPT.toString()), Stream.of(args)).toList();
        Path log = Files.createTempFile(tmp, "allure-report", ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertTrue(process.waitFor(5, TimeUnit.MINUTES), "scripts/allure-report still running after 5 minutes");
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), output);
        return output;
    }

    @Test
    void everyTestLastsItsRealTimeAndTheEnvironmentIsTheClasss() throws IOException, InterruptedException {
        Path report = tmp.resolve("report");

        run(results.toString(), report.toString());

        List<Long> durations = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        try (Stream<Path> files = Files.list(report.resolve("data/test-cases"))) {
            for (Path file : files.toList()) {
                JsonNode testCase = json.readTree(file.toFile());
                if (testCase.get("fullName").asText().startsWith("alice: ")) {
                    durations.add(testCase.get("time").get("duration").asLong());
                }
            }
        }
        assertTrue(durations.stream().mapToLong(Long::longValue).sum() > 0, "alice's tests took time: " + durations);
        JsonNode environment = json.readTree(report.resolve("widgets/environment.json").toFile());
        List<String> names = new ArrayList<>();
        environment.forEach(entry -> names.add(entry.get("name").asText()));
        assertEquals(List.of("language", "submissions", "группа"), names, "the class's values in their order, nothing of one student");
        assertEquals("Б-01", environment.get(2).get("values").get(0).asText());
        assertTrue(Files.readString(report.resolve("index.html")).contains("lang=\"ru\""), "the language of the results");
    }

    @Test
    void singleFileReportOpensFromDiskInRussianWithEveryScoreAndAsksNoOtherHost() throws IOException, InterruptedException {
        Path report = tmp.resolve("single");

        run("--lang", "ru", "--single-file", results.toString(), report.toString());

        try (Stream<Path> files = Files.list(report)) {
            assertEquals(List.of(report.resolve("index.html")), files.toList(), "one file");
        }
        String page = Files.readString(report.resolve("index.html"));
        assertFalse(page.contains("googletagmanager"), "Allure's analytics are off");
        Matcher source = Pattern.compile("(?:src|href)=\"(https?:)?//").matcher(page);
        assertFalse(source.find(), "nothing is loaded from another host");

        HeadlessChromium chromium = HeadlessChromium.require();
        String dom = chromium.dom(report.resolve("index.html"), "suites", tmp.resolve("chromium"));

        assertTrue(dom.contains("alice \u00b7 100 / 100"), "alice's score in her suite's name");
        assertTrue(dom.contains("bob \u00b7 0 / 100"), "bob's score in his suite's name");
        assertTrue(dom.contains("Тест сюиты") && dom.contains("Обзор"), "the report's own words in Russian");
    }
}
