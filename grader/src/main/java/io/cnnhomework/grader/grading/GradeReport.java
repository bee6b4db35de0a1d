package io.cnnhomework.grader.grading;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The result of grading one submission: layer checks first, then tasks, as a student works.
 *
 * <p>Score out of {@value #TOTAL}: the layer checks share {@value #LAYER_POINTS} points equally,
 * each earning the fraction of its tensors that agree with PyTorch; each task earns
 * {@value #TASK_POINTS} points when it passes. The untouched template scores 0, the known-good
 * submission 100.
 *
 * @param checks one verdict per layer case, in the reference's order
 * @param tasks one verdict per task, in order
 * @param diagnostics why the submission did not run: the compiler's or the bytecode policy's
 *     messages; empty when it ran
 * @param optional the optional task's verdict, or {@code null} when it was not graded; outside the
 *     score, as are the optional task's layer checks ({@link LayerCheck#optional()})
 * @param timings when each check (by case name), task (by id) and the optional task
 *     ({@value #OPTIONAL_TIMING}) was graded; empty when not measured
 */
public record GradeReport(List<LayerCheck> checks, List<TaskGrade> tasks, List<String> diagnostics, OptionalGrade optional,
        Map<String, Timing> timings) {

    /** The key of the optional task's timing. */
    public static final String OPTIONAL_TIMING = "optional";

    /** Full marks. */
    public static final int TOTAL = 100;
    /** Points shared by the layer checks. */
    public static final int LAYER_POINTS = 40;
    /** Points per task. */
    public static final int TASK_POINTS = 20;

    /** Defensive copies: a report is a value. */
    public GradeReport {
        checks = List.copyOf(checks);
        tasks = List.copyOf(tasks);
        diagnostics = List.copyOf(diagnostics);
        timings = Map.copyOf(timings);
    }

    /**
     * A report without timings.
     *
     * @param checks one verdict per layer case
     * @param tasks one verdict per task
     * @param diagnostics why the submission did not run, or empty
     * @param optional the optional task's verdict, or {@code null}
     */
    public GradeReport(List<LayerCheck> checks, List<TaskGrade> tasks, List<String> diagnostics, OptionalGrade optional) {
        this(checks, tasks, diagnostics, optional, Map.of());
    }

    /**
     * A report without the optional task.
     *
     * @param checks one verdict per layer case
     * @param tasks one verdict per task
     * @param diagnostics why the submission did not run, or empty
     */
    public GradeReport(List<LayerCheck> checks, List<TaskGrade> tasks, List<String> diagnostics) {
        this(checks, tasks, diagnostics, null);
    }

    /**
     * @param grade the optional task's verdict
     * @return this report with it
     */
    public GradeReport withOptional(OptionalGrade grade) {
        return new GradeReport(checks, tasks, diagnostics, grade, timings);
    }

    /**
     * @param measured more timings, by check, task or {@value #OPTIONAL_TIMING}
     * @return this report with them added
     */
    public GradeReport withTimings(Map<String, Timing> measured) {
        Map<String, Timing> all = new HashMap<>(timings);
        all.putAll(measured);
        return new GradeReport(checks, tasks, diagnostics, optional, all);
    }

    /**
     * The one place a report is made fit for the students of a private reference set: every
     * expected value of the set taken out (PyTorch's curves, expected tensor elements, messages
     * that quote them), what the submission computed and how far it is off kept. Scores and
     * verdicts are unchanged. The optional task's figures come from the submission alone.
     *
     * @return the report without the reference's values
     */
    public GradeReport withoutReferenceValues() {
        return new GradeReport(checks.stream().map(LayerCheck::withoutReferenceValues).toList(),
                tasks.stream().map(TaskGrade::withoutReferenceValues).toList(), diagnostics, optional, timings);
    }

    /** @return the layer checks of tasks 1–3, which the score counts */
    public List<LayerCheck> requiredChecks() {
        return checks.stream().filter(check -> !check.optional()).toList();
    }

    /** @return the optional task's layer checks: its optimizers and MaxPool2d */
    public List<LayerCheck> optionalChecks() {
        return checks.stream().filter(LayerCheck::optional).toList();
    }

    /** @return whether every required check and every task passed; the optional task does not count */
    public boolean allPassed() {
        return !tasks.isEmpty() && tasks.stream().allMatch(TaskGrade::passed) && requiredChecks().stream().allMatch(LayerCheck::passed);
    }

    /** @return the score, 0 to 100, rounded to one decimal; the optional task does not count */
    public double score() {
        List<LayerCheck> required = requiredChecks();
        double layers = required.isEmpty() ? 0 : LAYER_POINTS * required.stream().mapToDouble(LayerCheck::score).sum() / required.size();
        double taskPoints = TASK_POINTS * tasks.stream().mapToDouble(TaskGrade::score).sum();
        return Math.round((layers + taskPoints) * 10) / 10.0;
    }

    /**
     * @return the points each layer check and task of tasks 1–3 earned, in the report's order, by
     *     case name and task id: a check its equal share of {@value #LAYER_POINTS} times the
     *     fraction of its tensors that agree, a task {@value #TASK_POINTS} or 0; they add up to
     *     {@link #score()} before its rounding
     */
    public Map<String, Double> points() {
        Map<String, Double> points = new LinkedHashMap<>();
        List<LayerCheck> required = requiredChecks();
        for (LayerCheck check : required) {
            points.put(check.caseName(), (double) LAYER_POINTS * check.score() / required.size());
        }
        for (TaskGrade task : tasks) {
            points.put(task.id(), TASK_POINTS * task.score());
        }
        return points;
    }

    /**
     * @param name a required check's case name or a task's id
     * @return the most points it can earn
     */
    public double maxPoints(String name) {
        return tasks.stream().anyMatch(task -> task.id().equals(name)) ? TASK_POINTS : (double) LAYER_POINTS / requiredChecks().size();
    }

    /**
     * @param id a task id
     * @return that task's verdict
     */
    public TaskGrade task(String id) {
        return tasks.stream().filter(t -> t.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no task " + id));
    }

    /**
     * @param caseName a layer case
     * @return that check's verdict
     */
    public LayerCheck check(String caseName) {
        return checks.stream().filter(c -> c.caseName().equals(caseName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no layer case " + caseName));
    }
}
