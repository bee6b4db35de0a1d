package io.cnnhomework.grader.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The CI workflow shipped to student repositories and the README section that explains it must
 * not drift apart: every command the workflow runs appears, line for line, in a code block of the
 * README's "CI for student repositories" section.
 */
class StudentWorkflowTest {

    private static final Path WORKFLOW = Path.of("../student-template/.github/workflows/homework.yml");
    private static final Path README = Path.of("../README.md");
    static final String SECTION = "CI for student repositories";

    private static final YAMLMapper YAML = new YAMLMapper();
    private static final Pattern HEADING = Pattern.compile("^(#{1,6})\\s+(.*?)\\s*#*\\s*$");
    private static final Pattern FENCE = Pattern.compile("^\\s*(```|~~~).*$");

    private static JsonNode workflow() {
        try {
            return YAML.readTree(Files.readString(WORKFLOW, StandardCharsets.UTF_8));
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
