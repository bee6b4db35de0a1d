package io.cnnhomework.grader.batch;

import io.cnnhomework.grader.grading.GradeReport;
import io.cnnhomework.grader.grading.LayerCheck;
import io.cnnhomework.grader.grading.OptionalGrade;
import io.cnnhomework.grader.grading.TaskGrade;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * One submission's line in the gradebook.
 *
 * @param id the student id
 * @param status {@value #RUNNING} while being graded, then one of {@code ok}, {@code failed},
 *     {@code compile-error}, {@code policy}, {@code timeout}, {@code crashed}, {@code memory}
 * @param score 0–100
 * @param taskScores per task, 0 or 20 (points of {@link GradeReport#TASK_POINTS})
 * @param taskErrors per task, the seed's summed loss error; NaN when not comparable
 * @param checksPassed layer checks of tasks 1–3 passed
 * @param checks layer checks of tasks 1–3 run
 * @param optional the optional task: {@code passed}, {@code failed}, {@code not-attempted}, or
 *     empty when it was not graded
 * @param optionalAccuracy the own network's final validation accuracy, 0 to 1, or NaN
 * @param optionalChecksPassed the optional task's layer checks passed
 * @param optionalChecks the optional task's layer checks run
 * @param seconds wall time spent on the submission
 * @param detail one line: the first failure, or empty
 */
public record GradebookRow(String id, String status, double score, double[] taskScores, double[] taskErrors,
        int checksPassed, int checks, String optional, double optionalAccuracy, int optionalChecksPassed, int optionalChecks,
        double seconds, String detail) {

    /** Status of a row written before grading starts, replaced when it ends. */
    public static final String RUNNING = "running";

    /** The gradebook's columns for three tasks. */
    static final List<String> HEADER = List.of("id", "status", "score", "task1_score", "task1_summed_error", "task2_score",
            "task2_summed_error", "task3_score", "task3_summed_error", "layer_checks_passed", "layer_checks", "optional",
            "optional_accuracy", "optional_checks_passed", "optional_checks", "seconds", "detail");

    /** Failure kinds that say how a submission misbehaved, most severe first. */
    private static final List<String> SEVERE = List.of("memory", "crashed", "timeout");

    /**
     * @param id the student id
     * @param tasks how many tasks the reference has
     * @return the provisional row written before grading starts
     */
    public static GradebookRow running(String id, int tasks) {
        return new GradebookRow(id, RUNNING, 0, new double[tasks], nan(tasks), 0, 0, "", Double.NaN, 0, 0, 0, "");
    }

    /**
     * @param id the student id
     * @param report the grading result
     * @param seconds time spent
     * @param locale language of the detail line
     * @return the row
     */
    public static GradebookRow of(String id, GradeReport report, double seconds, Locale locale) {
        int tasks = report.tasks().size();
        double[] scores = new double[tasks];
        double[] errors = new double[tasks];
        for (int i = 0; i < tasks; i++) {
            TaskGrade task = report.tasks().get(i);
            scores[i] = task.score() * GradeReport.TASK_POINTS;
            errors[i] = task.summedError();
        }
        int passed = (int) report.requiredChecks().stream().filter(LayerCheck::passed).count();
        int optionalPassed = (int) report.optionalChecks().stream().filter(LayerCheck::passed).count();
        OptionalGrade optional = report.optional();
        String verdict = optional == null ? "" : !optional.attempted() ? "not-attempted" : optional.passed() ? "passed" : "failed";
        return new GradebookRow(id, status(report), report.score(), scores, errors, passed, report.requiredChecks().size(), verdict,
                optional == null ? Double.NaN : optional.own().finalAccuracy(), optionalPassed, report.optionalChecks().size(), seconds,
                firstFailure(report, locale));
    }

    /** @return whether grading of this row finished */
    public boolean finished() {
        return !RUNNING.equals(status);
    }

    static String status(GradeReport report) {
        // the optional task informs; how the submission misbehaved is judged on tasks 1-3
        List<String> kinds = Stream.concat(report.requiredChecks().stream().map(LayerCheck::failureKind),
                report.tasks().stream().map(TaskGrade::failureKind)).toList();
        if (kinds.contains("compile-error")) {
            return "compile-error";
        }
        if (kinds.contains("policy")) {
            return "policy";
        }
        for (String kind : SEVERE) {
            if (kinds.contains(kind)) {
                return kind;
            }
        }
        return report.allPassed() ? "ok" : "failed";
    }

    private static String firstFailure(GradeReport report, Locale locale) {
        for (LayerCheck check : report.requiredChecks()) {
            if (!check.passed()) {
                return check.caseName() + ": " + check.message().render(locale);
            }
        }
        for (TaskGrade task : report.tasks()) {
            if (!task.passed()) {
                return task.id() + ": " + task.message().render(locale);
            }
        }
        return "";
    }

    /** @return the CSV fields, in {@link #HEADER}'s order */
    String[] toCsv() {
        List<String> fields = new ArrayList<>(List.of(spreadsheetSafe(id), status, number(score)));
        for (int i = 0; i < taskScores.length; i++) {
            fields.add(number(taskScores[i]));
            fields.add(Double.isFinite(taskErrors[i]) ? String.format(Locale.ROOT, "%.3e", taskErrors[i]) : "");
        }
        fields.add(Integer.toString(checksPassed));
        fields.add(Integer.toString(checks));
        fields.add(optional);
        fields.add(Double.isNaN(optionalAccuracy) ? "" : String.format(Locale.ROOT, "%.4f", optionalAccuracy));
        fields.add(Integer.toString(optionalChecksPassed));
        fields.add(Integer.toString(optionalChecks));
        fields.add(String.format(Locale.ROOT, "%.2f", seconds));
        fields.add(spreadsheetSafe(detail.length() > 500 ? detail.substring(0, 500) + "…" : detail));
        return fields.toArray(String[]::new);
    }

    /**
     * Student-chosen text (a folder name, an exception message) that a spreadsheet would run as a
     * formula gets a leading apostrophe, which spreadsheets show as text.
     */
    static String spreadsheetSafe(String text) {
        return !text.isEmpty() && "=+-@".indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
    }

    /**
     * @param fields a CSV line in {@link #HEADER}'s order
     * @return the row
     * @throws IllegalArgumentException if the line does not fit
     */
    static GradebookRow fromCsv(String[] fields) {
        if (fields.length != HEADER.size()) {
            throw new IllegalArgumentException("a gradebook row has " + HEADER.size() + " fields, this one " + fields.length);
        }
        int tasks = 3;
        double[] scores = new double[tasks];
        double[] errors = new double[tasks];
        for (int i = 0; i < tasks; i++) {
            scores[i] = Double.parseDouble(fields[3 + 2 * i]);
            errors[i] = fields[4 + 2 * i].isEmpty() ? Double.NaN : Double.parseDouble(fields[4 + 2 * i]);
        }
        return new GradebookRow(unquoted(fields[0]), fields[1], Double.parseDouble(fields[2]), scores, errors,
                Integer.parseInt(fields[9]), Integer.parseInt(fields[10]), fields[11],
                fields[12].isEmpty() ? Double.NaN : Double.parseDouble(fields[12]), Integer.parseInt(fields[13]),
                Integer.parseInt(fields[14]), Double.parseDouble(fields[15]), unquoted(fields[16]));
    }

    private static String unquoted(String field) {
        return field.length() > 1 && field.charAt(0) == '\'' && "=+-@".indexOf(field.charAt(1)) >= 0 ? field.substring(1) : field;
    }

    private static String number(double value) {
        return value == Math.rint(value) ? String.format(Locale.ROOT, "%.0f", value) : String.format(Locale.ROOT, "%.1f", value);
    }

    private static double[] nan(int n) {
        double[] values = new double[n];
        Arrays.fill(values, Double.NaN);
        return values;
    }
}
