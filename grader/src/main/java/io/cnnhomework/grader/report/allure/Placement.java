package io.cnnhomework.grader.report.allure;

import io.cnnhomework.grader.grading.GradeReport;
import io.cnnhomework.grader.grading.LayerCheck;
import io.cnnhomework.grader.grading.Timing;
import io.cnnhomework.grader.messages.Text;
import io.qameta.allure.model.Label;
import io.qameta.allure.model.Parameter;
import io.qameta.allure.model.StepResult;
import io.qameta.allure.model.TestResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where a test result sits in Allure's report and when it ran: its real time, from the report's
 * timings; its suites in the homework's order; in a class's report, its student's score.
 *
 * <p>Allure's tree sorts suites by name (its default sorter), so the order is written into the
 * names: {@code 1. Layer checks}, {@code 2. Tasks}, {@code 3. Optional task}, and each layer's
 * sub-suite numbered in the order the reference checks the layers ({@code 1. Conv}, {@code 2. Fc},
 * ...). In a class's report the student's suite reads {@code alice · 39.2 / 100}, every test has a
 * {@code score} parameter, and the timeline has one row per student (the {@code thread} label).
 */
final class Placement {

    /** The layer checks of tasks 1–3. */
    static final int LAYERS = 1;
    /** The tasks. */
    static final int TASKS = 2;
    /** The optional task: its layer checks and its own network. */
    static final int OPTIONAL = 3;

    private final GradeReport report;
    private final String submission;
    private final boolean oneOfAClass;
    private final Locale locale;
    /** A sub-suite's number, by group and layer class, in the order of the report's checks. */
    private final Map<Integer, Map<String, Integer>> layerOrder = new LinkedHashMap<>();

    Placement(GradeReport report, String submission, boolean oneOfAClass, Locale locale) {
        this.report = report;
        this.submission = submission;
        this.oneOfAClass = oneOfAClass;
        this.locale = locale;
        for (LayerCheck check : report.checks()) {
            Map<String, Integer> order = layerOrder.computeIfAbsent(check.optional() ? OPTIONAL : LAYERS, group -> new LinkedHashMap<>());
            order.putIfAbsent(check.layer().className(), order.size() + 1);
        }
    }

    /**
     * @param result a test result as built, with its labels
     * @param key its check's case name, task id or {@link GradeReport#OPTIONAL_TIMING}
     * @param group {@link #LAYERS}, {@link #TASKS} or {@link #OPTIONAL}
     * @return the result, placed and timed
     */
    TestResult place(TestResult result, String key, int group) {
        Timing timing = report.timings().get(key);
        if (timing != null) {
            result.setStart(timing.startMillis()).setStop(timing.stopMillis());
            for (StepResult step : result.getSteps()) {
                step.setStart(timing.startMillis()).setStop(timing.startMillis());
            }
        }
        String score = String.format(Locale.ROOT, report.score() == Math.rint(report.score()) ? "%.0f" : "%.1f", report.score())
                + " / " + GradeReport.TOTAL;
        List<Label> labels = new ArrayList<>();
        for (Label label : result.getLabels()) {
            switch (label.getName()) {
                case "parentSuite" -> labels.add(label(label.getName(), oneOfAClass ? submission + " \u00b7 " + score : label.getValue()));
                case "suite" -> labels.add(label(label.getName(), group + ". " + label.getValue()));
                case "subSuite" -> labels.add(label(label.getName(), numbered(group, label.getValue())));
                default -> labels.add(label);
            }
        }
        if (oneOfAClass) {
            labels.add(label("thread", submission));
            List<Parameter> parameters = new ArrayList<>(result.getParameters());
            parameters.add(new Parameter().setName(Text.of("allure.parameter.score").render(locale)).setValue(score));
            result.setParameters(parameters);
        }
        return result.setLabels(labels);
    }

    /** {@code 2. Fc}; zero-padded when a group has ten layers or more, since names sort as text. */
    private String numbered(int group, String layer) {
        Map<String, Integer> order = layerOrder.getOrDefault(group, Map.of());
        int width = Integer.toString(Math.max(1, order.size())).length();
        return String.format(Locale.ROOT, "%0" + width + "d. %s", order.getOrDefault(layer, 0), layer);
    }

    private static Label label(String name, String value) {
        return new Label().setName(name).setValue(value);
    }
}
