package io.cnnhomework.grader.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CI workflow shipped to student repositories and the README section that explains it must
 * not drift apart: every command the workflow runs appears, line for line, in a code block of the
 * README's "CI for student repositories" section.
 */
class StudentWorkflowTest {

    private static final Path WORKFLOW = Path.of("../student-template/.github/workflows/homework.yml");
    /** The variant that reports the score to GitHub Classroom's autograding. */
    private static final Path CLASSROOM_WORKFLOW = Path.of("../student-template/.github/classroom/autograding.yml");
    private static final Path README = Path.of("../README.md");
    static final String SECTION = "CI for student repositories";

    private static final YAMLMapper YAML = new YAMLMapper();
    private static final Pattern HEADING = Pattern.compile("^(#{1,6})\\s+(.*?)\\s*#*\\s*$");
    private static final Pattern FENCE = Pattern.compile("^\\s*(```|~~~).*$");

    private static JsonNode workflow() {
        return workflow(WORKFLOW);
    }

    private static JsonNode workflow(Path file) {
        try {
            return YAML.readTree(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return every {@code run:} of every job, in order */
    static List<String> runCommands(JsonNode workflow) {
        List<String> commands = new ArrayList<>();
        workflow.get("jobs").forEach(job -> job.path("steps").forEach(step -> {
            if (step.has("run")) {
                commands.add(step.get("run").asText());
            }
        }));
        return commands;
    }

    /**
     * @param readme the README's text
     * @return the lines of the fenced code blocks of the section headed {@value #SECTION}, up to the
     *     next heading of the same or a higher level; empty when there is no such section
     */
    static Set<String> codeLinesOfSection(String readme) {
        Set<String> lines = new HashSet<>();
        int level = 0;
        boolean inCode = false;
        for (String line : readme.split("\\R")) {
            if (FENCE.matcher(line).matches()) {
                inCode = !inCode;
                continue;
            }
            Matcher heading = HEADING.matcher(line);
            if (!inCode && heading.matches()) {
                if (heading.group(2).equals(SECTION)) {
                    level = heading.group(1).length();
                } else if (level > 0 && heading.group(1).length() <= level) {
                    level = 0;
                }
                continue;
            }
            if (inCode && level > 0) {
                lines.add(line.strip());
            }
        }
        return lines;
    }

    /**
     * @param workflow the parsed workflow
     * @param readme the README's text
     * @return the workflow's command lines missing from the README section's code blocks
     */
    static List<String> missingFromReadme(JsonNode workflow, String readme) {
        Set<String> documented = codeLinesOfSection(readme);
        List<String> missing = new ArrayList<>();
        for (String command : runCommands(workflow)) {
            command.lines().map(String::strip).filter(l -> !l.isEmpty() && !documented.contains(l)).forEach(missing::add);
        }
        return missing;
    }

    @Test
    void everyCommandOfTheStudentWorkflowIsInTheReadmesCiSection() throws IOException {
        JsonNode workflow = workflow();
        String readme = Files.readString(README, StandardCharsets.UTF_8);

        assertFalse(runCommands(workflow).isEmpty());
        assertEquals(List.of(), missingFromReadme(workflow, readme),
                "commands of " + WORKFLOW + " missing from the code blocks of README.md's section \"" + SECTION + "\"");
    }

    @Test
    void everyCommandOfTheClassroomWorkflowIsInTheReadmesCiSectionToo() throws IOException {
        JsonNode workflow = workflow(CLASSROOM_WORKFLOW);
        String readme = Files.readString(README, StandardCharsets.UTF_8);

        assertFalse(runCommands(workflow).isEmpty());
        assertEquals(List.of(), missingFromReadme(workflow, readme),
                "commands of " + CLASSROOM_WORKFLOW + " missing from the code blocks of README.md's section \"" + SECTION + "\"");
    }

    @Test
    void classroomWorkflowIsWhatClassroomAndItsReporterExpect() {
        JsonNode workflow = workflow(CLASSROOM_WORKFLOW);
        assertEquals("Autograding Tests", workflow.get("name").asText());
        assertEquals(List.of("run-autograding-tests"), List.copyOf(iterable(workflow.get("jobs").fieldNames())));
        JsonNode job = workflow.get("jobs").get("run-autograding-tests");
        assertEquals("github.actor != 'github-classroom[bot]'", job.get("if").asText());
        assertEquals("write", workflow.get("permissions").get("checks").asText());

        JsonNode grade = step(job, "run", "./mvnw -B test");
        assertTrue(grade.get("run").asText().contains("-Dhomework.expect=pass"));
        assertTrue(grade.get("continue-on-error").asBoolean(), "the score is the grade, so the reporter must still run");
        JsonNode hand = step(job, "run", "mkdir -p target");
        assertEquals("grader", hand.get("id").asText());
        assertTrue(hand.get("run").asText().contains("base64 -w0 target/autograding.json"), "one line, or $GITHUB_OUTPUT breaks");
        JsonNode reporter = step(job, "uses", "classroom-resources/autograding-grading-reporter@v1");
        assertEquals("grader", reporter.get("with").get("runners").asText());
        assertEquals("${{ steps.grader.outputs.result }}", reporter.get("env").get("GRADER_RESULTS").asText(),
                "the reporter reads <RUNNER>_RESULTS");
    }

    @Test
    void classroomStepHandsOnTheTestsScoreOrZeroWhenTheyDidNotRun(@TempDir Path repository) throws Exception {
        String script = step(workflow(CLASSROOM_WORKFLOW).get("jobs").get("run-autograding-tests"), "run", "mkdir -p target")
                .get("run").asText();

        JsonNode notRun = runHandOver(script, repository.resolve("not-compiled"), null);

        assertEquals("error", notRun.get("status").asText());
        assertEquals(0, notRun.get("tests").get(0).get("score").asInt());

        String written = "{\"version\": 1, \"status\": \"fail\", \"max_score\": 100, \"tests\": [{\"name\": \"task1\", \"score\": 20}]}";
        assertEquals(20, runHandOver(script, repository.resolve("graded"), written).get("tests").get(0).get("score").asInt());
    }

    /** Runs the step's script as Actions would, in a repository whose tests wrote {@code written} (or nothing), and decodes its output. */
    private static JsonNode runHandOver(String script, Path repository, String written) throws Exception {
        Files.createDirectories(repository.resolve("target"));
        if (written != null) {
            Files.writeString(repository.resolve("target/autograding.json"), written);
        }
        Path output = repository.resolve("github-output");
        Path log = repository.resolve("log");
        ProcessBuilder builder = new ProcessBuilder("bash", "-e", "-c", script).directory(repository.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("GITHUB_OUTPUT", output.toString());
        Process process = builder.start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the step's script did not finish");
        assertEquals(0, process.exitValue(), Files.readString(log));
        List<String> lines = Files.readAllLines(output);
        assertEquals(1, lines.size(), lines.toString());
        assertTrue(lines.get(0).startsWith("result="), lines.get(0));
        return new ObjectMapper().readTree(Base64.getDecoder().decode(lines.get(0).substring("result=".length())));
    }

    private static <T> List<T> iterable(Iterator<T> iterator) {
        List<T> items = new ArrayList<>();
        iterator.forEachRemaining(items::add);
        return items;
    }

    @Test
    void commandChangedInOnlyOnePlaceIsCaught() throws IOException {
        JsonNode workflow = YAML.readTree("""
                jobs:
                  grade:
                    steps:
                      - uses: actions/checkout@v5
                      - run: ./mvnw -B test -Dhomework.expect=pass
                      - run: scripts/allure-report target/allure-results target/allure-report
                """);
        String readme = """
                # Project

                ```bash
                ./mvnw -B test -Dhomework.expect=pass -Dgroups=task1
                ```

                ## CI for student repositories

                Text mentioning scripts/allure-report target/allure-results target/allure-report outside a code block.

                ```bash
                ./mvnw -B test -Dhomework.expect=pass
                %s
                ```

                ## Next section

                ```bash
                scripts/allure-report target/allure-results target/allure-report
                ```
                """;

        assertEquals(List.of(), missingFromReadme(workflow,
                readme.formatted("scripts/allure-report target/allure-results target/allure-report")));
        assertEquals(List.of("scripts/allure-report target/allure-results target/allure-report"),
                missingFromReadme(workflow, readme.formatted("scripts/allure-report target/allure-results out")));
        assertEquals(List.of("scripts/allure-report target/allure-results target/allure-report"),
                missingFromReadme(workflow, readme.formatted("")), "outside the section or its code blocks does not count");
        JsonNode changedWorkflow = YAML.readTree(YAML.writeValueAsString(workflow).replace("expect=pass", "expect=pass -e"));
        assertEquals(List.of("./mvnw -B test -Dhomework.expect=pass -e"), missingFromReadme(changedWorkflow,
                readme.formatted("scripts/allure-report target/allure-results target/allure-report")));
    }

    @Test
    void workflowGradesForRealKeepsTheReportWhenGradingFailsAndPublishesFromTheDefaultBranch() {
        JsonNode workflow = workflow();
        JsonNode triggers = workflow.get("on");
        assertTrue(triggers.has("push") && triggers.has("pull_request") && triggers.has("workflow_dispatch"), triggers.toString());

        JsonNode grade = workflow.get("jobs").get("grade");
        JsonNode setupJava = step(grade, "uses", "actions/setup-java@");
        assertEquals("temurin", setupJava.get("with").get("distribution").asText());
        assertEquals("17", setupJava.get("with").get("java-version").asText());
        assertEquals("maven", setupJava.get("with").get("cache").asText());
        JsonNode test = step(grade, "run", "./mvnw -B test");
        assertTrue(test.get("run").asText().contains("-Dhomework.expect=pass"));
        assertFalse(test.has("continue-on-error"), "a failed grading must leave the job red");
        JsonNode report = step(grade, "run", "scripts/allure-report ");
        assertEquals("${{ !cancelled() }}", report.get("if").asText());
        assertEquals("${{ !cancelled() }}", step(grade, "uses", "actions/upload-artifact@").get("if").asText());
        JsonNode pages = step(grade, "uses", "actions/upload-pages-artifact@");
        assertTrue(pages.get("if").asText().contains("github.ref_name == github.event.repository.default_branch"));

        JsonNode deploy = workflow.get("jobs").get("pages");
        assertEquals("write", deploy.get("permissions").get("pages").asText());
        assertEquals("write", deploy.get("permissions").get("id-token").asText());
        assertEquals("github-pages", deploy.get("environment").get("name").asText());
        step(deploy, "uses", "actions/deploy-pages@");
    }

    private static JsonNode step(JsonNode job, String field, String prefix) {
        for (JsonNode step : job.get("steps")) {
            if (step.path(field).asText().startsWith(prefix)) {
                return step;
            }
        }
        throw new AssertionError("no step with " + field + " " + prefix + "... in " + job);
    }
}
