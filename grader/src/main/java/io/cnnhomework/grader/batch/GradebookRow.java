package io.cnnhomework.grader.batch;

import io.cnnhomework.grader.grading.GradeReport;
import io.cnnhomework.grader.grading.LayerCheck;
import io.cnnhomework.grader.grading.OptionalGrade;
import io.cnnhomework.grader.grading.TaskGrade;
import io.cnnhomework.grader.submission.WrittenAnswers;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One submission's line in the gradebook.
 *
 * @param id the student id
 * @param status {@link SubmissionStatus#RUNNING} while being graded, then the final status
 * @param score 0–100; NaN for {@link SubmissionStatus#ERROR}, whose grading the grader did not finish
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
 * @param failed every failed layer check and task of tasks 1–3 with the points it lost, e.g.
 *     {@code fc_batch4 -0.8; task1 -20}, or empty
 * @param maxSimilarity JPlag's similarity with the most similar other submission, 0 to 1, or NaN
 *     when it was not compared
 * @param mostSimilarTo that submission's id, or empty
 * @param answered whether the written answers were given ({@link WrittenAnswers.Status#id()}:
 *     {@code yes}, {@code partly}, {@code no}, {@code no-heading}, {@code no-file}), or empty before
 *     grading
 * @param manualPoints the instructor's points by hand ({@code --manual}), NaN for none; never part
 *     of {@code score}
 * @param manualComment the instructor's comment, or empty
 * @param points the points each layer check and task of tasks 1–3 earned, by case name and task
 *     id in the reference's order; empty for a provisional row
 */
public record GradebookRow(String id, SubmissionStatus status, double score, double[] taskScores, double[] taskErrors,
        int checksPassed, int checks, String optional, double optionalAccuracy, int optionalChecksPassed, int optionalChecks,
        double seconds, String detail, String failed, double maxSimilarity, String mostSimilarTo, String answered,
        double manualPoints, String manualComment, Map<String, Double> points) {

    /** The prefix of a points column: {@code points_conv_task1}, {@code points_task1}. */
    static final String POINTS_PREFIX = "points_";

    /** Keeps the points in their order. */
    public GradebookRow {
        points = Collections.unmodifiableMap(new LinkedHashMap<>(points));
    }

    /**
     * A row without the failed list, the similarity, the written answers, the manual points and the points.
     *
     * @param id the student id
     * @param status the status
     * @param score 0–100
     * @param taskScores per task
     * @param taskErrors per task
     * @param checksPassed layer checks passed
     * @param checks layer checks run
     * @param optional the optional task's verdict
     * @param optionalAccuracy its accuracy
     * @param optionalChecksPassed its layer checks passed
     * @param optionalChecks its layer checks run
     * @param seconds wall time
     * @param detail the first failure
     */
    public GradebookRow(String id, SubmissionStatus status, double score, double[] taskScores, double[] taskErrors, int checksPassed,
            int checks, String optional, double optionalAccuracy, int optionalChecksPassed, int optionalChecks, double seconds,
            String detail) {
        this(id, status, score, taskScores, taskErrors, checksPassed, checks, optional, optionalAccuracy, optionalChecksPassed,
                optionalChecks, seconds, detail, "", Double.NaN, "", "", Double.NaN, "", Map.of());
    }

    /** The columns before the tasks'. */
    private static final List<String> LEADING = List.of("id", "status", "score");
    /** The columns after the tasks'. */
    private static final List<String> TRAILING = List.of("layer_checks_passed", "layer_checks", "optional", "optional_accuracy",
            "optional_checks_passed", "optional_checks", "seconds", "detail", "failed", "max_similarity", "most_similar_to",
            "answered", "manual_points", "manual_comment");
    /**
     * Columns added to the gradebook, oldest first: a gradebook written before some of them lacks
     * those and every later one, and reads them as empty, so that it can be resumed or merged.
     */
    private static final List<List<String>> ADDED = List.of(List.of("failed", "max_similarity", "most_similar_to"),
            List.of("answered", "manual_points", "manual_comment"));

    /**
     * @param tasks how many tasks the reference has
     * @return the gradebook's columns: {@code id, status, score}, two per task ({@code taskN_score},
     *     {@code taskN_summed_error}), then the layer checks, the optional task, the time, the
     *     detail, the failed list and the similarity
     */
    static List<String> header(int tasks) {
        return header(tasks, List.of());
    }

    /**
     * @param tasks how many tasks the reference has
     * @param points the checks and tasks that get a points column, in order; empty for none
     * @return {@link #header(int)}, then {@code points_<name>} for each of them
     */
    static List<String> header(int tasks, List<String> points) {
        List<String> header = new ArrayList<>(LEADING);
        for (int task = 1; task <= tasks; task++) {
            header.add("task" + task + "_score");
            header.add("task" + task + "_summed_error");
        }
        header.addAll(TRAILING);
        points.forEach(name -> header.add(POINTS_PREFIX + name));
        return List.copyOf(header);
    }

    /**
     * @param header a gradebook's first line
     * @return how many tasks it has columns for
     * @throws IllegalArgumentException if it is not a gradebook header
     */
    static int tasksOf(List<String> header) {
        List<String> points = pointsOf(header);
        for (int newer = 0; newer <= ADDED.size(); newer++) {
            List<String> missing = ADDED.subList(ADDED.size() - newer, ADDED.size()).stream().flatMap(List::stream).toList();
            int tasks = (header.size() - points.size() - LEADING.size() - TRAILING.size() + missing.size()) / 2;
            List<String> expected = new ArrayList<>(header(Math.max(0, tasks), points));
            expected.removeAll(missing);
            if (tasks >= 0 && header.equals(expected)) {
                return tasks;
            }
        }
        throw new IllegalArgumentException("not a gradebook (expected the header " + String.join(",", header(3)) + ")");
    }

    /**
     * @param header a gradebook's first line
     * @return the checks and tasks it has points columns for, in order
     */
    static List<String> pointsOf(List<String> header) {
        return header.stream().filter(column -> column.startsWith(POINTS_PREFIX)).map(column -> column.substring(POINTS_PREFIX.length()))
                .toList();
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
     * @param tasks how many tasks the reference has
     * @param reason one line: where the grader failed and why
     * @param seconds time spent
     * @return the row of a submission the grader failed on: no score, since the failure is not
     *     the submission's
     */
    public static GradebookRow error(String id, int tasks, String reason, double seconds) {
        return new GradebookRow(id, SubmissionStatus.ERROR, Double.NaN, nan(tasks), nan(tasks), 0, 0, "", Double.NaN, 0, 0, seconds,
                reason);
    }

    /**
     * @param id the student id
     * @param report the grading result
     * @param seconds time spent
     * @param locale language of the detail line
     * @return the row
     */
    public static GradebookRow of(String id, GradeReport report, double seconds, Locale locale) {
        return of(id, report, false, seconds, locale);
    }

    /**
     * @param id the student id
     * @param report the grading result
     * @param untouched whether no homework class differs from the template's stub: a submission
     *     that would be {@code failed} is then {@code not-attempted}
     * @param seconds time spent
     * @param locale language of the detail line
     * @return the row
     */
    public static GradebookRow of(String id, GradeReport report, boolean untouched, double seconds, Locale locale) {
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
        SubmissionStatus status = SubmissionStatus.of(report);
        if (status == SubmissionStatus.FAILED && untouched) {
            status = SubmissionStatus.NOT_ATTEMPTED;
        }
        Map<String, Double> points = report.points();
        return new GradebookRow(id, status, report.score(), scores, errors, passed, report.requiredChecks().size(), verdict,
                optional == null ? Double.NaN : optional.own().finalAccuracy(), optionalPassed, report.optionalChecks().size(), seconds,
                firstFailure(report, locale), lost(report, points), Double.NaN, "", "", Double.NaN, "", points);
    }

    /** Every failed check and task with the points it lost, in the report's order. */
    private static String lost(GradeReport report, Map<String, Double> points) {
        List<String> failed = new ArrayList<>();
        for (LayerCheck check : report.requiredChecks()) {
            if (!check.passed()) {
                failed.add(check.caseName() + " -" + number(report.maxPoints(check.caseName()) - points.get(check.caseName())));
            }
        }
        for (TaskGrade task : report.tasks()) {
            if (!task.passed()) {
                failed.add(task.id() + " -" + number(report.maxPoints(task.id()) - points.get(task.id())));
            }
        }
        return String.join("; ", failed);
    }

    /**
     * @param similarity JPlag's similarity with the most similar other submission, or NaN
     * @param other that submission's id, or empty
     * @return this row with them
     */
    public GradebookRow withSimilarity(double similarity, String other) {
        return new GradebookRow(id, status, score, taskScores, taskErrors, checksPassed, checks, optional, optionalAccuracy,
                optionalChecksPassed, optionalChecks, seconds, detail, failed, similarity, other, answered, manualPoints,
                manualComment, points);
    }

    /**
     * @param answers the submission's written answers
     * @return this row saying whether they were given
     */
    public GradebookRow withAnswers(WrittenAnswers answers) {
        return new GradebookRow(id, status, score, taskScores, taskErrors, checksPassed, checks, optional, optionalAccuracy,
                optionalChecksPassed, optionalChecks, seconds, detail, failed, maxSimilarity, mostSimilarTo, answers.status().id(),
                manualPoints, manualComment, points);
    }

    /**
     * @param points the instructor's points, NaN for none
     * @param comment the instructor's comment, empty for none
     * @return this row with them, the automatic score unchanged
     */
    public GradebookRow withManual(double points, String comment) {
        return new GradebookRow(id, status, score, taskScores, taskErrors, checksPassed, checks, optional, optionalAccuracy,
                optionalChecksPassed, optionalChecks, seconds, detail, failed, maxSimilarity, mostSimilarTo, answered, points,
                comment, this.points);
    }

    /**
     * @return whether grading of this row finished: neither still {@code running} nor failed by
     *     the grader ({@code error}), which {@code --resume} grades again
     */
    public boolean finished() {
        return status != SubmissionStatus.RUNNING && status != SubmissionStatus.ERROR;
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
        return toCsv(List.of());
    }

    /**
     * @param pointColumns the checks and tasks that have a points column
     * @return the CSV fields, in the order of {@link #header(int, List)}; a check or task this row
     *     has no points for (a provisional row) is empty
     */
    String[] toCsv(List<String> pointColumns) {
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
        fields.add(failed);
        fields.add(Double.isNaN(maxSimilarity) ? "" : String.format(Locale.ROOT, "%.3f", maxSimilarity));
        fields.add(spreadsheetSafe(mostSimilarTo));
        fields.add(answered);
        fields.add(Double.isNaN(manualPoints) ? "" : BigDecimal.valueOf(manualPoints).stripTrailingZeros().toPlainString());
        fields.add(spreadsheetSafe(manualComment));
        for (String name : pointColumns) {
            Double earned = points.get(name);
            fields.add(earned == null ? "" : String.format(Locale.ROOT, "%.2f", earned));
        }
        return fields.toArray(String[]::new);
    }

    /** Characters a spreadsheet reads as the start of a formula (OWASP's list), and the apostrophe that escapes them. */
    private static final String FORMULA_STARTS = "=+-@\t\r'";

    /**
     * Student-chosen text (a folder name, an exception message) that a spreadsheet would run as a
     * formula gets a leading apostrophe, which spreadsheets show as text. Text that begins with an
     * apostrophe gets one too, so that {@link #unquoted(String)} gives back exactly what was
     * written: {@code '=x} and {@code =x} stay two ids.
     */
    static String spreadsheetSafe(String text) {
        return !text.isEmpty() && FORMULA_STARTS.indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
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
            scores[i] = optionalNumber(field.get("task" + (i + 1) + "_score"));
            errors[i] = optionalNumber(field.get("task" + (i + 1) + "_summed_error"));
        }
        SubmissionStatus status = SubmissionStatus.byId(field.get("status"))
                .orElseThrow(() -> new IllegalArgumentException("unknown status " + field.get("status")));
        Map<String, Double> points = new LinkedHashMap<>();
        for (String name : pointsOf(header)) {
            String earned = field.get(POINTS_PREFIX + name);
            if (!earned.isEmpty()) {
                points.put(name, Double.parseDouble(earned));
            }
        }
        return new GradebookRow(unquoted(field.get("id")), status, optionalNumber(field.get("score")), scores, errors,
                Integer.parseInt(field.get("layer_checks_passed")), Integer.parseInt(field.get("layer_checks")), field.get("optional"),
                optionalNumber(field.get("optional_accuracy")), Integer.parseInt(field.get("optional_checks_passed")),
                Integer.parseInt(field.get("optional_checks")), Double.parseDouble(field.get("seconds")), unquoted(field.get("detail")),
                field.getOrDefault("failed", ""), optionalNumber(field.getOrDefault("max_similarity", "")),
                unquoted(field.getOrDefault("most_similar_to", "")), field.getOrDefault("answered", ""),
                optionalNumber(field.getOrDefault("manual_points", "")), unquoted(field.getOrDefault("manual_comment", "")), points);
    }

    private static double optionalNumber(String field) {
        return field.isEmpty() ? Double.NaN : Double.parseDouble(field);
    }

    /** The inverse of {@link #spreadsheetSafe(String)}. */
    static String unquoted(String field) {
        return !field.isEmpty() && field.charAt(0) == '\'' ? field.substring(1) : field;
    }

    private static String number(double value) {
        if (Double.isNaN(value)) {
            return "";
        }
        return value == Math.rint(value) ? String.format(Locale.ROOT, "%.0f", value) : String.format(Locale.ROOT, "%.1f", value);
    }

    private static double[] nan(int n) {
        double[] values = new double[n];
        Arrays.fill(values, Double.NaN);
        return values;
    }
}
