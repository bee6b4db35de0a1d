package io.cnnhomework.grader.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cnnhomework.grader.GradedFixtures;
import io.cnnhomework.grader.grading.Coverage;
import io.cnnhomework.grader.grading.GradeReport;
import io.cnnhomework.grader.messages.Messages;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** A partial run ends with what ran and passed, never a score out of 100, in every report. */
class PartialRunReportTest {

    private static final Coverage RELU = new Coverage(false, List.of("relu"));

    private static GradeReport reluOnly() {
        GradeReport good = GradedFixtures.knownGood();
        return new GradeReport(good.checks().stream().filter(check -> check.layer().className().equals("ReLU")).toList(), List.of(),
                List.of());
    }

    private static String lastLine(String table) {
        String[] lines = table.split("\\R");
        return lines[lines.length - 1];
    }

    @Test
    void aTaggedRunSaysItIsPartialAndGivesNoScore() {
        GradeReport report = reluOnly();
        int checks = report.checks().size();

        String english = ConsoleReport.render(report, Locale.ENGLISH, RELU);
        String russian = ConsoleReport.render(report, Messages.RUSSIAN, RELU);

        assertEquals("partial run (tags: relu): " + checks + " of " + checks + " checks passed; no score: run every test for it",
                lastLine(english));
        assertEquals("неполный прогон (теги: relu): пройдено проверок " + checks + " из " + checks
                + "; без оценки: для неё запустите все тесты", lastLine(russian));
        assertFalse(english.contains("/ 100"), english);
        assertFalse(russian.contains("из 100"), russian);
    }

    @Test
    void anUnfilteredRunThatLeftSomethingOutSaysSo() {
        GradeReport good = GradedFixtures.knownGood();
        GradeReport withoutTask3 = new GradeReport(good.checks(), good.tasks().subList(0, 2), List.of());
        int ran = withoutTask3.requiredChecks().size() + 2 + withoutTask3.optionalChecks().size();

        String table = ConsoleReport.render(withoutTask3, Locale.ENGLISH, new Coverage(false, List.of()));

        assertEquals("partial run (not every check and task ran): " + ran + " of " + ran
                + " checks passed; no score: run every test for it", lastLine(table));
    }

    @Test
    void aCompleteRunKeepsItsScoreLine() {
        String table = ConsoleReport.render(GradedFixtures.knownGood(), Locale.ENGLISH, Coverage.COMPLETE);

        assertTrue(lastLine(table).startsWith("score 100.0 / 100: "), lastLine(table));
        assertEquals(table, ConsoleReport.render(GradedFixtures.knownGood(), Locale.ENGLISH));
    }

    @Test
    void gradeJsonOfAPartialRunIsMarkedAndHasNoScore() {
        GradeReport report = reluOnly();

        ObjectNode partial = JsonReport.withCoverage(JsonReport.toJson(report, Locale.ENGLISH), RELU);
        ObjectNode complete = JsonReport.withCoverage(JsonReport.toJson(GradedFixtures.knownGood(), Locale.ENGLISH), Coverage.COMPLETE);

        assertTrue(partial.get("partial").asBoolean(), partial.toString());
        assertFalse(partial.has("score"), partial.toString());
        assertEquals("relu", partial.get("tags").get(0).asText());
        assertFalse(complete.has("partial"), complete.toString());
        assertEquals(100.0, complete.get("score").asDouble());
    }

    @Test
    void classroomGetsNoPointsFromAPartialRun() {
        GradeReport report = reluOnly();

        JsonNode json = ClassroomResult.partial(report, RELU, Locale.ENGLISH);

        assertEquals(0, json.get("max_score").asInt(), "the reporter skips a runner of max_score 0: no points are sent");
        assertEquals("error", json.get("status").asText());
        assertEquals(1, json.get("tests").size());
        assertEquals(0, json.get("tests").get(0).get("score").asInt());
        assertTrue(json.get("tests").get(0).get("message").asText().startsWith("partial run (tags: relu): "), json.toString());
    }
}
