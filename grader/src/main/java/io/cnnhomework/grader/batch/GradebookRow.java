package io.cnnhomework.grader.batch;

import io.cnnhomework.grader.grading.GradeReport;
import io.cnnhomework.grader.grading.LayerCheck;
import io.cnnhomework.grader.grading.OptionalGrade;
import io.cnnhomework.grader.grading.TaskGrade;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One submission's line in the gradebook.
 *
 * @param id the student id
 * @param status {@link SubmissionStatus#RUNNING} while being graded, then the final status
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
public record GradebookRow(String id, SubmissionStatus status, double score, double[] taskScores, double[] taskErrors,
        int checksPassed, int checks, String optional, double optionalAccuracy, int optionalChecksPassed, int optionalChecks,
        double seconds, String detail) {

    /** The columns before the tasks'. */
    private static final List<String> LEADING = List.of("id", "status", "score");
    /** The columns after the tasks'. */
    private static final List<String> TRAILING = List.of("layer_checks_passed", "layer_checks", "optional", "optional_accuracy",
            "optional_checks_passed", "optional_checks", "seconds", "detail");

    /**
     * @param tasks how many tasks the reference has
     * @return the gradebook's columns: {@code id, status, score}, two per task ({@code taskN_score},
     *     {@code taskN_summed_error}), then the layer checks, the optional task, the time and the detail
     */
    static List<String> header(int tasks) {
        List<String> header = new ArrayList<>(LEADING);
        for (int task = 1; task <= tasks; task++) {
            header.add("task" + task + "_score");
            header.add("task" + task + "_summed_error");
        }
        header.addAll(TRAILING);
        return List.copyOf(header);
    }

    /**
     * @param header a gradebook's first line
     * @return how many tasks it has columns for
     * @throws IllegalArgumentException if it is not a gradebook header
     */
    static int tasksOf(List<String> header) {
        int tasks = (header.size() - LEADING.size() - TRAILING.size()) / 2;
        if (tasks < 0 || !header.equals(header(tasks))) {
            throw new IllegalArgumentException("not a gradebook (expected the header " + String.join(",", header(3)) + ")");
        }
        return tasks;
    }

    /**
     * @param id the student id
     * @param tasks how many tasks the reference has
     * @return the provisional row written before grading starts
     */
    public static GradebookRow running(String id, int tasks) {
        return new GradebookRow(id, SubmissionStatus.RUNNING, 0, new double[tasks], nan(tasks), 0, 0, "", Double.NaN, 0, 0, 0, "");
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
        return new GradebookRow(id, SubmissionStatus.of(report), report.score(), scores, errors, passed, report.requiredChecks().size(), verdict,
                optional == null ? Double.NaN : optional.own().finalAccuracy(), optionalPassed, report.optionalChecks().size(), seconds,
                firstFailure(report, locale));
    }

    /** @return whether grading of this row finished */
    public boolean finished() {
        return status != SubmissionStatus.RUNNING;
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

    /** @return the CSV fields, in the order of {@link #header(int)} for this row's tasks */
    String[] toCsv() {
        List<String> fields = new ArrayList<>(List.of(spreadsheetSafe(id), status.id(), number(score)));
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
     * @param header the gradebook's columns, as {@link #header(int)} gives them
     * @param fields a CSV line in that order
     * @return the row
     * @throws IllegalArgumentException if the line does not fit
     */
    static GradebookRow fromCsv(List<String> header, String[] fields) {
        if (fields.length != header.size()) {
            throw new IllegalArgumentException("a gradebook row has " + header.size() + " fields, this one " + fields.length);
        }
        Map<String, String> field = new HashMap<>();
        for (int i = 0; i < fields.length; i++) {
            field.put(header.get(i), fields[i]);
        }
        int tasks = tasksOf(header);
        double[] scores = new double[tasks];
        double[] errors = new double[tasks];
        for (int i = 0; i < tasks; i++) {
            scores[i] = Double.parseDouble(field.get("task" + (i + 1) + "_score"));
            errors[i] = optionalNumber(field.get("task" + (i + 1) + "_summed_error"));
        }
        SubmissionStatus status = SubmissionStatus.byId(field.get("status"))
                .orElseThrow(() -> new IllegalArgumentException("unknown status " + field.get("status")));
        return new GradebookRow(unquoted(field.get("id")), status, Double.parseDouble(field.get("score")), scores, errors,
                Integer.parseInt(field.get("layer_checks_passed")), Integer.parseInt(field.get("layer_checks")), field.get("optional"),
                optionalNumber(field.get("optional_accuracy")), Integer.parseInt(field.get("optional_checks_passed")),
                Integer.parseInt(field.get("optional_checks")), Double.parseDouble(field.get("seconds")), unquoted(field.get("detail")));
    }

    private static double optionalNumber(String field) {
        return field.isEmpty() ? Double.NaN : Double.parseDouble(field);
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
