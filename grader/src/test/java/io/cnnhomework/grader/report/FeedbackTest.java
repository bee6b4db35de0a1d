package io.cnnhomework.grader.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cnnhomework.grader.GradedFixtures;
import io.cnnhomework.grader.exercise.LayerKind;
import io.cnnhomework.grader.grading.GradeReport;
import io.cnnhomework.grader.grading.LayerCheck;
import io.cnnhomework.grader.grading.TaskGrade;
import io.cnnhomework.grader.grading.TensorComparison;
import io.cnnhomework.grader.messages.Messages;
import io.cnnhomework.grader.messages.Text;
import io.cnnhomework.grader.reference.Visibility;
import io.cnnhomework.grader.submission.FailureKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The feedback page and comment a student can be sent. */
class FeedbackTest {

    private static final GradeReport FC_MISTAKE = GradedFixtures.knownBad("fc-grad-not-divided");

    private static int count(String text, String part) {
        return text.split(Pattern.quote(part), -1).length - 1;
    }

    @Test
    void everyCheckAndTaskIsThereWithItsPointsMessageAndHintAndThePlotsAreInside() {
        Feedback.Pages pages = Feedback.render(FC_MISTAKE, "erin", Locale.ENGLISH, Audience.STUDENT, Visibility.PUBLIC);
        String html = pages.html();

        assertTrue(html.contains("<p class=\"score\">39.2 / 100</p>"), html);
        assertTrue(html.contains("the 13 layer checks share 40 points (3.1 each"), "how the score is made");
        assertTrue(html.contains("Layer checks: 39.2 of 40 points. Tasks: 0 of 60 points."));
        for (LayerCheck check : FC_MISTAKE.requiredChecks()) {
            assertTrue(html.contains(check.caseName() + "</td>"), check.caseName());
        }
        assertTrue(html.contains("<td class=\"num\">2.3 / 3.1</td>"), "fc_batch4 lost a quarter of its share");
        assertTrue(html.contains("hint: grad_weight is exactly m = 4 (the batch size) times too large"), "the hint");
        assertEquals(3, count(html, "src=\"data:image/png;base64,"), "one loss-curve plot per task, inside the page");
        assertTrue(html.contains("<h3>task1 \u2014 <span class=\"fail\">FAIL</span> \u2014 0 / 20</h3>"), html);
        assertTrue(html.contains("where: epoch 0: the logits match"), "the trace says where it parts from PyTorch");
        assertTrue(html.contains("script-src 'none'") && !html.contains("<script"), "the page runs nothing");

        String markdown = pages.markdown();
        assertTrue(markdown.startsWith("# Homework feedback: erin\n\n**39.2 / 100**"), markdown);
        assertTrue(markdown.contains("- \u2717 Fc \u00b7 fc\\_batch4 \u2014 FAIL \u2014 2.3 / 3.1: grad\\_weight: 18 of 18 values differ"),
                markdown);
        assertTrue(markdown.contains("\n  - hint: grad\\_weight is exactly m = 4"), markdown);
        assertTrue(markdown.contains("- \u2717 task3 \u2014 FAIL \u2014 0 / 20: "), markdown);
        assertFalse(markdown.contains("data:image"), "a comment box takes no images");
    }

    @Test
    void aLayersOnlyReportHasNoTasksSectionAndAnOptionalStubIsSkipped() {
        LayerCheck relu = FC_MISTAKE.requiredChecks().stream().filter(LayerCheck::passed).findFirst().orElseThrow();
        LayerCheck adam = new LayerCheck("adam", LayerKind.ADAM, Map.of(), List.of(), false, 0,
                Text.of("failure.not-implemented", Text.of("stub.Adam.updateParams"), ""), null, FailureKind.NOT_IMPLEMENTED, true);
        GradeReport layersOnly = new GradeReport(List.of(relu, adam), List.of(), List.of());

        for (Locale locale : Messages.SUPPORTED) {
            Feedback.Pages pages = Feedback.render(layersOnly, "erin", locale, Audience.STUDENT, Visibility.PUBLIC);
            String tasks = Text.of("report.tasks").render(locale);
            assertFalse(pages.html().contains("<h2>" + tasks + "</h2>"), pages.html());
            assertFalse(pages.markdown().contains("## " + tasks), pages.markdown());
            String skipped = Text.of("report.status.skipped").render(locale);
            assertTrue(pages.html().contains("<span class=\"skip\">" + skipped + "</span>"), pages.html());
            assertTrue(pages.markdown().contains("- \u2013 Adam \u00b7 adam \u2014 " + skipped), pages.markdown());
        }
    }

    @Test
    void inTheBatchsLanguage() {
        String html = Feedback.render(FC_MISTAKE, "erin", Messages.RUSSIAN, Audience.STUDENT, Visibility.PUBLIC).html();

        assertTrue(html.contains("<html lang=\"ru\">"));
        assertTrue(html.contains("Отзыв о домашнем задании: erin"));
        assertTrue(html.contains("подсказка: "), html);
        assertTrue(html.contains("Проверки слоёв: 39.2 из 40 баллов"));
    }

    @Test
    void aStudentOfAHiddenSetSeesNoneOfItsExpectedValues() {
        Feedback.Pages staff = Feedback.render(FC_MISTAKE, "erin", Locale.ENGLISH, Audience.STAFF, Visibility.PRIVATE);
        Feedback.Pages student = Feedback.render(FC_MISTAKE, "erin", Locale.ENGLISH, Audience.STUDENT, Visibility.PRIVATE);

        List<String> expected = expectedValues(FC_MISTAKE);
        assertTrue(expected.stream().anyMatch(value -> staff.html().contains(value)), "the staff's page shows them: " + expected);
        for (String value : expected) {
            assertFalse(student.html().contains(value), value + " in the student's page");
            assertFalse(student.markdown().contains(value), value + " in the student's comment");
        }
        assertTrue(student.html().contains("grad_weight: 18 of 18 values differ; first at [0, 0], by "), student.html());
        assertTrue(student.html().contains("epoch 1 differs first, by "), student.html());
        assertTrue(student.html().contains("where: epoch 0: the logits match; the gradient of fc1.weight (dW2) differs, max |\u0394| "),
                "the trace says where, without PyTorch's values: " + student.html());
        assertTrue(student.html().contains("hidden reference set"), "the student is told why");
        assertTrue(student.html().contains("hint: grad_weight is exactly m = 4"), "hints name no expected value and stay");
        assertNotEquals(plots(staff.html()), plots(student.html()), "the plots leave PyTorch's curve out");
        assertEquals(Feedback.render(FC_MISTAKE, "erin", Locale.ENGLISH, Audience.STUDENT, Visibility.PUBLIC).html(),
                Feedback.render(FC_MISTAKE, "erin", Locale.ENGLISH, Audience.STAFF, Visibility.PUBLIC).html(),
                "of the handout's set a student sees all, as in their own copy");
    }

    @Test
    void textFromTheSubmissionIsInertInBothRenderings() {
        String hostile = "<img src=x onerror=alert(1)> *bold* [link](javascript:alert(2)) `code` | cell";
        LayerCheck check = new LayerCheck("relu_with_zeros", LayerKind.RELU, Map.of(), List.of(), false, 0,
                Text.of("failure.not-implemented", hostile, ""), null, FailureKind.NOT_IMPLEMENTED, false);
        TaskGrade task = new TaskGrade("task1", false, Double.NaN, new double[] {1, 2}, new double[0], null, null, Double.NaN,
                Text.of("failure.not-implemented", "line one\nline two", ""), null, FailureKind.NOT_IMPLEMENTED);
        GradeReport report = new GradeReport(List.of(check), List.of(task), List.of("homework/ReLU.java:3: <script>x</script>"));

        Feedback.Pages pages = Feedback.render(report, "<b>id</b>", Locale.ENGLISH, Audience.STUDENT, Visibility.PUBLIC);

        assertFalse(pages.html().contains("<img src=x") || pages.html().contains("<script>x") || pages.html().contains("<b>id"));
        assertTrue(pages.html().contains("&lt;img src=x onerror=alert(1)&gt;"));
        String markdown = pages.markdown();
        assertFalse(markdown.contains("<img") || markdown.contains("<script") || markdown.contains("<b>"), markdown);
        assertTrue(markdown.contains("\\*bold\\* \\[link\\](javascript:alert(2)) \\`code\\` \\| cell"), markdown);
        assertTrue(markdown.contains("line one line two"), "one line per item");
    }

    /** The expected values a failing check's and task's messages name, as the messages print them. */
    private static List<String> expectedValues(GradeReport report) {
        List<String> values = new ArrayList<>();
        for (LayerCheck check : report.checks()) {
            for (TensorComparison tensor : check.tensors()) {
                if (!tensor.passed() && !tensor.shapeMismatch()) {
                    values.add(TensorComparison.number(tensor.firstExpected()));
                    values.add(TensorComparison.number(tensor.worstExpected()));
                }
            }
        }
        for (TaskGrade task : report.tasks()) {
            for (double loss : task.expected()) {
                values.add(String.format(Locale.ROOT, "%.6f", loss));
            }
        }
        return values;
    }

    private static List<String> plots(String html) {
        Matcher png = Pattern.compile("src=\"(data:image/png;base64,[^\"]+)\"").matcher(html);
        List<String> all = new ArrayList<>();
        while (png.find()) {
            all.add(png.group(1));
        }
        return all;
    }
}
