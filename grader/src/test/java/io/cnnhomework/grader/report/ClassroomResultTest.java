package io.cnnhomework.grader.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cnnhomework.grader.GradedFixtures;
import io.cnnhomework.grader.grading.GradeReport;
import io.cnnhomework.grader.messages.Messages;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The score in the format GitHub Classroom's autograding reporter reads. */
class ClassroomResultTest {

    /** What the reporter sends to Classroom: the tests' scores added up in order, as JavaScript adds doubles. */
    private static double reporterTotal(JsonNode json) {
        double total = 0;
        for (JsonNode test : json.get("tests")) {
            total += test.get("score").asDouble();
        }
        return total;
    }

    @Test
    void aSubmissionWithOneMistakeGetsItsScoreToTheDigitAndFails() {
        GradeReport report = GradedFixtures.knownBad("fc-grad-not-divided");

        JsonNode json = ClassroomResult.toJson(report, Locale.ENGLISH);

        assertEquals(1, json.get("version").asInt());
        assertEquals("fail", json.get("status").asText(), "the reporter turns the run red");
        assertEquals(100, json.get("max_score").asInt());
        assertEquals(report.score(), reporterTotal(json), 0.0, "exactly the score, no rounding noise");
        assertEquals(Double.toString(report.score()), Double.toString(reporterTotal(json)));
        List<String> names = new ArrayList<>();
        json.get("tests").forEach(test -> names.add(test.get("name").asText()));
        assertEquals(13 + 1 + 3, names.size(), names.toString());
        JsonNode fc = json.get("tests").get(names.indexOf("Fc \u00b7 fc_batch4"));
        assertEquals("fail", fc.get("status").asText());
        assertTrue(fc.get("message").asText().startsWith("grad_weight"), fc.toString());
        JsonNode layers = json.get("tests").get(13);
        assertEquals("layer checks (40 points, shared)", layers.get("name").asText());
        assertEquals("12 of 13 layer checks passed", layers.get("message").asText());
        assertEquals(39.2, layers.get("score").asDouble());
        assertEquals(0, json.get("tests").get(names.indexOf("task1")).get("score").asDouble());
    }

    @Test
    void theKnownGoodGetsAllHundredPointsAndPasses() {
        JsonNode json = ClassroomResult.toJson(GradedFixtures.knownGood(), Messages.RUSSIAN);

        assertEquals("pass", json.get("status").asText());
        assertEquals("100.0", Double.toString(reporterTotal(json)));
        assertTrue(json.get("tests").get(13).get("name").asText().startsWith("проверки слоёв"));
        for (JsonNode test : json.get("tests")) {
            assertEquals("pass", test.get("status").asText(), test.toString());
            assertTrue(test.get("message").isNull());
            assertTrue(test.get("duration").asLong() >= 0);
        }
    }

    @Test
    void theUntouchedTemplateGetsNothing() {
        JsonNode json = ClassroomResult.toJson(GradedFixtures.template(), Locale.ENGLISH);

        assertEquals("0.0", Double.toString(reporterTotal(json)));
        assertEquals("fail", json.get("status").asText());
    }
}
