package io.cnnhomework.grader.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cnnhomework.grader.grading.Coverage;
import io.cnnhomework.grader.grading.GradeReport;
import io.cnnhomework.grader.grading.LayerCheck;
import io.cnnhomework.grader.grading.TaskGrade;
import io.cnnhomework.grader.grading.Timing;
import io.cnnhomework.grader.messages.Text;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The score in the format of GitHub Classroom's autograding reporter
 * ({@code classroom-resources/autograding-grading-reporter@v1}): {@code {"version": 1, "status",
 * "max_score": 100, "tests": [{"name", "status", "score", "message", "test_code", "filename",
 * "line_no", "duration"}]}}, which a workflow step hands to the reporter base64-encoded.
 *
 * <p>The reporter sends the sum of the tests' scores to Classroom, adding them up as JavaScript
 * numbers in order; so that the sum is the grader's score to the digit, the points sit in four
 * tests: one named for the layer checks with their share (one decimal), and each task
 * with 0 or 20. Every layer check is a test of its own with 0 points, so that the reporter's
 * table still shows which failed. (Its table's "points" column is passed tests over all tests,
 * not the score.) The optional task is outside the score and left out. Status {@code pass} when
 * every check and task passed, else {@code fail}: the reporter then turns the run red.
 */
public final class ClassroomResult {

    /** Where the template's tests write it, beside {@code grade.json}. */
    public static final String FILE_NAME = "autograding.json";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ClassroomResult() {
    }

    /**
     * @param report the grading result
     * @param locale the language of the messages
     * @return the reporter's JSON
     */
    public static ObjectNode toJson(GradeReport report, Locale locale) {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", 1);
        root.put("status", report.allPassed() ? "pass" : "fail");
        root.put("max_score", GradeReport.TOTAL);
        ArrayNode tests = root.putArray("tests");
        List<LayerCheck> checks = report.requiredChecks();
        for (LayerCheck check : checks) {
            test(tests, check.layer().className() + " \u00b7 " + check.caseName(), check.passed(), BigDecimal.ZERO,
                    check.message().render(locale), check.caseName(), report);
        }
        long tasksPassed = report.tasks().stream().filter(TaskGrade::passed).count();
        BigDecimal layerPoints = BigDecimal.valueOf(report.score()).subtract(BigDecimal.valueOf(GradeReport.TASK_POINTS * tasksPassed))
                .setScale(1, RoundingMode.HALF_UP).max(BigDecimal.ZERO);
        long checksPassed = checks.stream().filter(LayerCheck::passed).count();
        test(tests, Text.of("report.classroom.layer-points", GradeReport.LAYER_POINTS).render(locale), checksPassed == checks.size(),
                layerPoints, Text.of("report.classroom.layer-checks", checksPassed, checks.size()).render(locale), "layers", report);
        for (TaskGrade task : report.tasks()) {
            test(tests, task.id(), task.passed(), BigDecimal.valueOf(task.passed() ? GradeReport.TASK_POINTS : 0),
                    task.message().render(locale), task.id(), report);
        }
        return root;
    }

    private static void test(ArrayNode tests, String name, boolean passed, BigDecimal score, String message, String key,
            GradeReport report) {
        ObjectNode test = tests.addObject();
        test.put("name", name);
        test.put("status", passed ? "pass" : "fail");
        test.put("score", score);
        if (passed) {
            test.putNull("message");
        } else {
            test.put("message", message);
        }
        test.put("test_code", "HomeworkTest: " + key);
        test.put("filename", "");
        test.put("line_no", 0);
        Timing timing = report.timings().get(key);
        test.put("duration", timing == null ? 0 : timing.millis());
    }

    /**
     * A partial run's JSON (see {@link Coverage}): no points, so that the reporter sends none
     * ({@code "max_score": 0}, which it skips), status {@code error}, and one test whose message is
     * the console's last line; a partial run is for the student's eyes, not a grade.
     *
     * @param report what ran
     * @param coverage which part ran
     * @param locale the language of the message
     * @return the reporter's JSON
     */
    public static ObjectNode partial(GradeReport report, Coverage coverage, Locale locale) {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", 1);
        root.put("status", "error");
        root.put("max_score", 0);
        ObjectNode test = root.putArray("tests").addObject();
        test.put("name", "partial run");
        test.put("status", "error");
        test.put("score", 0);
        test.put("message", ConsoleReport.scoreLine(report, coverage).render(locale));
        test.put("test_code", "HomeworkTest");
        test.put("filename", "");
        test.put("line_no", 0);
        test.put("duration", 0);
        return root;
    }

    /**
     * Writes it atomically.
     *
     * @param report the grading result
     * @param locale the language of the messages
     * @param file where to write it
     * @throws IOException if it cannot be written
     */
    public static void write(GradeReport report, Locale locale, Path file) throws IOException {
        write(report, Coverage.COMPLETE, locale, file);
    }

    /**
     * Writes it atomically: the score of a complete run, {@link #partial} for a partial one.
     *
     * @param report the grading result
     * @param coverage whether the whole homework ran
     * @param locale the language of the messages
     * @param file where to write it
     * @throws IOException if it cannot be written
     */
    public static void write(GradeReport report, Coverage coverage, Locale locale, Path file) throws IOException {
        ObjectNode json = coverage.complete() ? toJson(report, locale) : partial(report, coverage, locale);
        AtomicFiles.write(file, out -> JSON.writeValue(out, json));
    }

}
