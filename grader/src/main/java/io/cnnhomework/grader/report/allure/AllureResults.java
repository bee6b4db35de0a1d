package io.cnnhomework.grader.report.allure;

import io.cnnhomework.grader.grading.GradeReport;
import io.cnnhomework.grader.grading.LayerCheck;
import io.cnnhomework.grader.grading.OptionalGrade;
import io.cnnhomework.grader.grading.OptionalTask;
import io.cnnhomework.grader.grading.LossCurveCheck;
import io.cnnhomework.grader.grading.TaskGrade;
import io.cnnhomework.grader.grading.TensorComparison;
import io.cnnhomework.grader.grading.TrainingRun;
import io.cnnhomework.grader.messages.Text;
import io.cnnhomework.grader.report.ConsoleReport;
import io.cnnhomework.grader.report.Inert;
import io.cnnhomework.grader.report.allure.AllureFiles.Category;
import io.cnnhomework.grader.report.plot.LossCurvePlot;
import io.cnnhomework.grader.report.plot.OptimizerComparisonPlot;
import io.cnnhomework.grader.submission.FailureKind;
import io.qameta.allure.model.Attachment;
import io.qameta.allure.model.Label;
import io.qameta.allure.model.Parameter;
import io.qameta.allure.model.Stage;
import io.qameta.allure.model.Status;
import io.qameta.allure.model.StatusDetails;
import io.qameta.allure.model.StepResult;
import io.qameta.allure.model.TestResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.UUID;
import java.util.function.ToDoubleFunction;
import java.util.regex.Pattern;

/**
 * Writes a {@link GradeReport} as Allure 2 results, for {@code scripts/allure-report} to turn into
 * an HTML report: one test result per layer check and one per task, each with its parameters,
 * its steps (a check's tensors; a task's training, comparison and divergence) and attachments (a
 * task's loss-curve PNG and per-epoch CSV; a failed check's mismatch table).
 *
 * <p>Files go straight into the results directory as {@code <uuid>-result.json} and
 * {@code <uuid>-attachment.<ext>}, beside {@code environment.properties} and
 * {@code categories.json}. Nothing else in the directory is touched, so several gradings (the CLI,
 * each task's test) may share it; each file is written atomically, attachments before the result
 * that names them.
 *
 * <p>A result's {@code historyId} hashes the submission's name and the check's or task's name, so
 * Allure links a test's runs across reports. Status: {@code passed}; {@code broken} when student
 * code failed (not implemented, an exception, a broken contract, a timeout, no compilation);
 * {@code failed} when it ran but the values differ. The first line of the status trace is
 * {@code failure: <kind>} ({@code wrong-values} for the latter), which {@code categories.json}
 * sorts into categories in every language.
 *
 * <p>Allure renders a status message and trace (of a test and of a step) as HTML, and those quote
 * what the submission threw; they are written {@link Inert#html(String) escaped}, so that an
 * exception message with markup shows as text and {@code <init>} in a stack frame stays visible.
 * Names, labels, parameters and attachments Allure escapes itself; escaping them here would show
 * the entities.
 */
public final class AllureResults {

    /** The learning rate of the notebook's training loops ({@code lr = 1}) for every task. */
    public static final double NOTEBOOK_LEARNING_RATE = 1.0;

    /** The failure kind of a check or task whose code ran but whose values differ. */
    static final String WRONG_VALUES = "wrong-values";

    /** The category of results whose values differ. */
    private static final String WRONG_VALUES_CATEGORY = "allure.category.wrong-values";

    /** The trace's first line, from which the categories read the failure kind. */
    static final String KIND_PREFIX = "failure: ";

    private AllureResults() {
    }

    /**
     * Writes the report with the notebook's learning rate for every task.
     *
     * @param report the grading result
     * @param resultsDir the Allure results directory, created if needed
     * @param locale the language of messages, suites and steps
     * @param submissionName names the submission in the report (the parent suite) and keys the
     *     tests' history, e.g. the repository's or the student's name
     * @throws IOException if a file cannot be written
     */
    public static void write(GradeReport report, Path resultsDir, Locale locale, String submissionName) throws IOException {
        write(report, resultsDir, locale, submissionName, task -> NOTEBOOK_LEARNING_RATE);
    }

    /**
     * Writes the report.
     *
     * @param report the grading result
     * @param resultsDir the Allure results directory, created if needed
     * @param locale the language of messages, suites and steps
     * @param submissionName names the submission in the report and keys the tests' history
     * @param learningRate each task's learning rate by task id, shown as a parameter, e.g.
     *     {@code id -> reference.task(id).learningRate()}
     * @throws IOException if a file cannot be written
     */
    public static void write(GradeReport report, Path resultsDir, Locale locale, String submissionName,
            ToDoubleFunction<String> learningRate) throws IOException {
        write(report, resultsDir, locale, submissionName, learningRate, false);
    }

    /**
     * Writes the report, alone or as one of a class's.
     *
     * @param report the grading result
     * @param resultsDir the Allure results directory, created if needed
     * @param locale the language of messages, suites and steps
     * @param submissionName names the submission in the report and keys the tests' history
     * @param learningRate each task's learning rate by task id
     * @param oneOfAClass whether other submissions share the directory (a batch): the parent suite
     *     then carries the score, every test a {@code score} parameter, and no environment is
     *     written, since a value naming this submission would stand for all; the batch writes
     *     the class's with {@link #writeClassEnvironment(Path, Map, Locale)}
     * @throws IOException if a file cannot be written
     */
    public static void write(GradeReport report, Path resultsDir, Locale locale, String submissionName,
            ToDoubleFunction<String> learningRate, boolean oneOfAClass) throws IOException {
        Objects.requireNonNull(submissionName, "submissionName");
        Files.createDirectories(resultsDir);
        AllureFiles files = new AllureFiles(resultsDir);
        long now = System.currentTimeMillis();
        Placement placement = new Placement(report, submissionName, oneOfAClass, locale);
        for (LayerCheck check : report.checks()) {
            files.result(placement.place(checkResult(check, files, locale, submissionName, now), check.caseName(),
                    check.optional() ? Placement.OPTIONAL : Placement.LAYERS));
        }
        for (TaskGrade task : report.tasks()) {
            files.result(placement.place(taskResult(task, learningRate.applyAsDouble(task.id()), files, locale, submissionName, now),
                    task.id(), Placement.TASKS));
        }
        if (report.optional() != null) {
            files.result(placement.place(optionalResult(report.optional(), files, locale, submissionName, now),
                    GradeReport.OPTIONAL_TIMING, Placement.OPTIONAL));
        }
        if (!oneOfAClass) {
            Properties environment = new Properties();
            environment.setProperty("language", locale.getLanguage());
            environment.setProperty("submission", submissionName);
            files.environment(environment);
        }
        files.categories(categories(locale));
    }

    /**
     * Writes what holds for a whole class's results: the Environment panel's values and the
     * categories.
     *
     * @param resultsDir the results directory of a batch
     * @param values the environment's values, in order (e.g. language, submissions, reference)
     * @param locale the language of the categories
     * @throws IOException if a file cannot be written
     */
    public static void writeClassEnvironment(Path resultsDir, Map<String, String> values, Locale locale) throws IOException {
        Files.createDirectories(resultsDir);
        AllureFiles files = new AllureFiles(resultsDir);
        files.environment(values);
        files.categories(categories(locale));
    }

    private static TestResult checkResult(LayerCheck check, AllureFiles files, Locale locale, String submission, long now)
            throws IOException {
        String name = check.layer() + " \u00b7 " + check.caseName();
        String message = check.message().render(locale);
        if (check.hint() != null) {
            message += "\n" + Text.of("report.hint", check.hint().text()).render(locale);
        }
        StringBuilder trace = new StringBuilder();
        if (!check.passed()) {
            trace.append(KIND_PREFIX).append(kind(check.failureKind()));
            check.tensors().stream().filter(t -> !t.passed())
                    .forEach(t -> trace.append('\n').append(t.describe().render(locale)));
        }

        List<StepResult> steps = new ArrayList<>();
        for (TensorComparison tensor : check.tensors()) {
            Status stepStatus = tensor.passed() ? Status.PASSED
                    : check.failureKind() != null && tensor.actualShape() == null ? Status.BROKEN : Status.FAILED;
            steps.add(step(tensor.tensor(), stepStatus, tensor.passed() ? null : tensor.describe().render(locale), now,
                    List.of(parameter(word("allure.parameter.shape", locale), Arrays.toString(tensor.expectedShape())),
                            parameter(word("allure.parameter.max-delta", locale), scientific(tensor.maxAbsError(), "inf")))));
        }

        List<Attachment> attachments = new ArrayList<>();
        if (!check.passed()) {
            attachments.add(files.attach(word("allure.attachment.mismatches", locale), "text/csv", "csv", mismatchTable(check, locale)));
        }

        return result(submission, check.caseName(), name,
                ConsoleReport.skipped(check) ? Status.SKIPPED : status(check.passed(), check.failureKind()),
                new StatusDetails().setMessage(message).setTrace(trace.length() == 0 ? null : trace.toString()), now,
                List.of(label("parentSuite", submission),
                        label("suite", Text.of(check.optional() ? "report.optional" : "report.layers").render(locale)),
                        label("subSuite", check.layer().className()),
                        label("feature", check.layer().className()),
                        label("tag", check.layer().tag())),
                checkParameters(check, locale), steps, attachments);
    }

    private static TestResult taskResult(TaskGrade task, double learningRate, AllureFiles files, Locale locale, String submission,
            long now) throws IOException {
        String message = task.message().render(locale);
        if (task.hint() != null) {
            message += "\n" + Text.of("report.hint", task.hint().text()).render(locale);
        }
        if (task.divergence() != null) {
            message += "\n" + Text.of("report.where", task.divergence()).render(locale);
        }
        boolean validates = task.expectedVal() != null;
        String summed = scientific(task.summedError(), "-");
        String valSummed = scientific(task.valSummedError(), "-");

        List<Parameter> parameters = new ArrayList<>(List.of(
                parameter(word("allure.parameter.epochs", locale), Integer.toString(task.expected().length)),
                parameter(word("allure.parameter.lr", locale), plain(learningRate)),
                parameter(word("allure.parameter.summed-error", locale), summed)));
        if (validates) {
            parameters.add(parameter(word("allure.parameter.validation-summed-error", locale), valSummed));
        }

        int epochs = task.expected().length;
        boolean broken = task.failureKind() != null;
        List<StepResult> steps = new ArrayList<>();
        Status trainStatus = broken ? Status.BROKEN : task.actual().length == epochs ? Status.PASSED : Status.FAILED;
        String failure = task.message().render(locale);
        steps.add(step(word("allure.step.train", locale, epochs), trainStatus, trainStatus == Status.PASSED ? null : failure, now,
                List.of(parameter(word("allure.parameter.completed-epochs", locale), Integer.toString(task.actual().length)))));
        Status compareStatus = task.actual().length == 0 ? Status.SKIPPED : task.passed() ? Status.PASSED : Status.FAILED;
        steps.add(step(validates ? word("allure.step.compare-val", locale, summed, valSummed) : word("allure.step.compare", locale, summed),
                compareStatus, compareStatus == Status.FAILED ? failure : null, now,
                List.of(parameter(word("allure.parameter.bar", locale), scientific(LossCurveCheck.PASS_THRESHOLD, "-")))));
        if (task.divergence() != null) {
            steps.add(step(word("allure.step.divergence", locale), Status.FAILED, task.divergence().render(locale), now, List.of()));
        }

        List<Attachment> attachments = new ArrayList<>();
        attachments.add(files.attach(word("allure.attachment.loss-curve", locale), "image/png", "png", LossCurvePlot.png(task, locale)));
        attachments.add(files.attach(word("allure.attachment.loss-table", locale), "text/csv", "csv", lossTable(task, locale)));
        if (!task.passed()) {
            attachments.add(files.attach(word("allure.attachment.message", locale), "text/plain", "txt",
                    message.getBytes(StandardCharsets.UTF_8)));
        }

        String trace = task.passed() ? null : KIND_PREFIX + kind(task.failureKind());
        return result(submission, task.id(), task.id(), status(task.passed(), task.failureKind()),
                new StatusDetails().setMessage(message).setTrace(trace), now,
                List.of(label("parentSuite", submission),
                        label("suite", Text.of("report.tasks").render(locale)),
                        label("feature", task.id()),
                        label("tag", task.id())),
                parameters, steps, attachments);
    }

    /**
     * The optional task: the own run's verdict with its figures as parameters, one step per run,
     * and the comparison's loss and accuracy curves as PNGs and one CSV.
     */
    private static TestResult optionalResult(OptionalGrade grade, AllureFiles files, Locale locale, String submission, long now)
            throws IOException {
        TrainingRun own = grade.own();
        Status status = !grade.attempted() ? Status.SKIPPED : grade.passed() ? Status.PASSED : status(false, own.failureKind());
        String message = grade.attempted() ? own.message().render(locale) : word("report.optional.not-attempted", locale);
        List<Parameter> parameters = List.of(
                parameter(word("allure.parameter.accuracy", locale), OptionalTask.percent(own.finalAccuracy())),
                parameter(word("allure.parameter.bar", locale), OptionalTask.percent(OptionalTask.PASS_ACCURACY)),
                parameter(word("allure.parameter.epochs", locale), Integer.toString(own.epochs())),
                parameter(word("allure.parameter.batch-size", locale), Integer.toString(own.batchSize())),
                parameter(word("allure.parameter.parameters", locale), Long.toString(own.parameters())),
                parameter(word("allure.parameter.optimizer", locale), own.optimizer()),
                parameter(word("allure.parameter.seconds", locale), String.format(Locale.ROOT, "%.2f", own.seconds())));
        List<TrainingRun> runs = new ArrayList<>();
        runs.add(own);
        runs.addAll(grade.comparison());
        List<StepResult> steps = new ArrayList<>();
        for (TrainingRun run : runs) {
            Status stepStatus = run.failureKind() != null ? Status.BROKEN : run.completed() ? Status.PASSED : Status.FAILED;
            steps.add(step(run.name() + ": " + run.message().render(locale), stepStatus, null, now,
                    List.of(parameter(word("allure.parameter.accuracy", locale), OptionalTask.percent(run.finalAccuracy())),
                            parameter(word("allure.parameter.seconds", locale), String.format(Locale.ROOT, "%.2f", run.seconds())))));
        }
        List<Attachment> attachments = new ArrayList<>();
        if (own.trainLoss().length > 0) {
            attachments.add(files.attach(word(OptimizerComparisonPlot.title(grade, true), locale), "image/png", "png",
                    OptimizerComparisonPlot.lossPng(grade, locale)));
            attachments.add(files.attach(word(OptimizerComparisonPlot.title(grade, false), locale), "image/png", "png",
                    OptimizerComparisonPlot.accuracyPng(grade, locale)));
            attachments.add(files.attach(word("allure.attachment.optional-table", locale), "text/csv", "csv", curveTable(runs, locale)));
        }
        String name = word("report.optional.own", locale);
        boolean explained = status == Status.PASSED || status == Status.SKIPPED;
        return result(submission, "optional", name, status,
                new StatusDetails().setMessage(message).setTrace(explained ? null : KIND_PREFIX + kind(own.failureKind())), now,
                List.of(label("parentSuite", submission),
                        label("suite", Text.of("report.optional").render(locale)),
                        label("feature", "optional"),
                        label("tag", "optional")),
                parameters, steps, attachments);
    }

    private static TestResult result(String submission, String key, String name, Status status, StatusDetails details, long now,
            List<Label> labels, List<Parameter> parameters, List<StepResult> steps, List<Attachment> attachments) {
        String id = stableId(submission, key);
        StatusDetails escaped = new StatusDetails().setMessage(details.getMessage() == null ? null : Inert.html(details.getMessage()))
                .setTrace(details.getTrace() == null ? null : Inert.html(details.getTrace()));
        return new TestResult().setUuid(UUID.randomUUID().toString()).setHistoryId(id).setTestCaseId(id).setName(name)
                .setFullName(submission + ": " + name).setStatus(status).setStatusDetails(escaped).setStage(Stage.FINISHED)
                .setStart(now).setStop(now).setLabels(labels).setParameters(parameters).setSteps(steps)
                .setAttachments(attachments);
    }

    private static StepResult step(String name, Status status, String message, long time, List<Parameter> parameters) {
        return new StepResult().setName(name).setStatus(status)
                .setStatusDetails(message == null ? null : new StatusDetails().setMessage(Inert.html(message))).setStage(Stage.FINISHED)
                .setStart(time).setStop(time).setParameters(parameters);
    }

    private static Parameter parameter(String name, String value) {
        return new Parameter().setName(name).setValue(value);
    }

    private static Label label(String name, String value) {
        return new Label().setName(name).setValue(value);
    }

    /** {@code run,epoch,train_loss,val_loss,val_accuracy}, one row per run and epoch. */
    static byte[] curveTable(List<TrainingRun> runs, Locale locale) {
        List<String[]> rows = new ArrayList<>();
        for (TrainingRun run : runs) {
            for (int epoch = 0; epoch < run.trainLoss().length; epoch++) {
                rows.add(new String[] {run.name(), Integer.toString(epoch), cell(run.trainLoss(), epoch), cell(run.valLoss(), epoch),
                    cell(run.valAccuracy(), epoch)});
            }
        }
        return AllureFiles.csv(words(locale, "allure.csv.run", "allure.csv.epoch", "allure.csv.train-loss", "allure.csv.val-loss",
                "allure.csv.val-accuracy"), rows);
    }

    /**
     * Shapes first, then the attributes by name: {@link LayerCheck#parameters()} keeps no order.
     * A shape and the batch are named in the report's language; the attributes keep PyTorch's
     * argument names ({@code stride}, {@code padding}, {@code eps}), as the student's code uses them.
     */
    private static List<Parameter> checkParameters(LayerCheck check, Locale locale) {
        return check.parameters().entrySet().stream()
                .sorted(Comparator.comparing((Map.Entry<String, String> e) -> !e.getKey().endsWith(SHAPE_SUFFIX))
                        .thenComparing(Map.Entry::getKey))
                .map(e -> parameter(checkParameterName(e.getKey(), locale), e.getValue()))
                .toList();
    }

    private static final String SHAPE_SUFFIX = " shape";

    private static String checkParameterName(String name, Locale locale) {
        if (name.endsWith(SHAPE_SUFFIX)) {
            return word("allure.parameter.tensor-shape", locale, name.substring(0, name.length() - SHAPE_SUFFIX.length()));
        }
        return name.equals("batch") ? word("allure.parameter.batch-size", locale) : name;
    }

    /** {@code tensor,passed,mismatches,first index,expected,actual,max |Δ|}, one row per tensor. */
    static byte[] mismatchTable(LayerCheck check, Locale locale) {
        List<String[]> rows = new ArrayList<>();
        for (TensorComparison t : check.tensors()) {
            String expected;
            String actual;
            String index;
            if (t.passed()) {
                index = expected = actual = "";
            } else if (t.shapeMismatch()) {
                index = "";
                expected = "shape " + Arrays.toString(t.expectedShape());
                actual = t.actualShape() == null ? "missing" : "shape " + Arrays.toString(t.actualShape());
            } else {
                index = Arrays.toString(t.firstIndex());
                // PyTorch's values are never NaN: NaN is one a private reference set keeps from students
                expected = Double.isNaN(t.firstExpected()) ? "" : TensorComparison.number(t.firstExpected());
                actual = TensorComparison.number(t.firstActual());
            }
            rows.add(new String[] {t.tensor(), Boolean.toString(t.passed()), Integer.toString(t.mismatches()), index, expected, actual,
                scientific(t.maxAbsError(), "inf")});
        }
        return AllureFiles.csv(words(locale, "allure.csv.tensor", "allure.csv.passed", "allure.csv.mismatches", "allure.csv.first-index",
                "allure.csv.expected", "allure.csv.actual", "allure.parameter.max-delta"), rows);
    }

    /**
     * The notebook's {@code loss_history} with the difference it sums: {@code epoch, loss_pt,
     * loss_student, |Δ|} and for task 3 {@code loss_val_pt, loss_val_student, |Δ| val}, headers
     * in the report's language, numbers as pandas prints them ({@link #notebookNumber(double)}); a
     * student's epoch that did not run is empty; PyTorch's columns and the differences are left out
     * for a private reference set ({@link TaskGrade#showsReference()}).
     */
    static byte[] lossTable(TaskGrade task, Locale locale) {
        boolean validates = task.expectedVal() != null;
        boolean reference = task.showsReference();
        List<String> keys = new ArrayList<>(List.of("allure.csv.epoch"));
        if (reference) {
            keys.add("allure.csv.loss-pt");
        }
        keys.add("allure.csv.loss-student");
        if (reference) {
            keys.add("allure.csv.delta");
        }
        if (validates) {
            if (reference) {
                keys.add("allure.csv.loss-val-pt");
            }
            keys.add("allure.csv.loss-val-student");
            if (reference) {
                keys.add("allure.csv.delta-val");
            }
        }
        List<String[]> rows = new ArrayList<>();
        for (int epoch = 0; epoch < task.expected().length; epoch++) {
            List<String> row = new ArrayList<>(List.of(Integer.toString(epoch)));
            if (reference) {
                row.add(cell(task.expected(), epoch));
            }
            row.add(cell(task.actual(), epoch));
            if (reference) {
                row.add(delta(task.expected(), task.actual(), epoch));
            }
            if (validates) {
                if (reference) {
                    row.add(cell(task.expectedVal(), epoch));
                }
                row.add(cell(task.actualVal(), epoch));
                if (reference) {
                    row.add(delta(task.expectedVal(), task.actualVal(), epoch));
                }
            }
            rows.add(row.toArray(String[]::new));
        }
        return AllureFiles.csv(words(locale, keys.toArray(String[]::new)), rows);
    }

    private static List<String> words(Locale locale, String... keys) {
        return Arrays.stream(keys).map(key -> word(key, locale)).toList();
    }

    /**
     * @param value a loss, a difference or an accuracy
     * @return it as pandas prints a float column: six decimals, or six significant digits in
     *     scientific notation below 1e-4 ({@code 6.728863e-05}); {@code NaN}, {@code inf}, {@code -inf}
     */
    static String notebookNumber(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        return value != 0 && Math.abs(value) < 1e-4 ? String.format(Locale.ROOT, "%.6e", value) : String.format(Locale.ROOT, "%.6f", value);
    }

    /** One category per failure kind, then one for wrong values, in every language. */
    private static List<Category> categories(Locale locale) {
        List<Category> categories = new ArrayList<>();
        for (FailureKind kind : FailureKind.values()) {
            categories.add(new Category(word(kind.categoryKey(), locale), List.of(Status.BROKEN), traceRegex(kind.id())));
        }
        categories.add(new Category(word(WRONG_VALUES_CATEGORY, locale), List.of(Status.FAILED), traceRegex(WRONG_VALUES)));
        return categories;
    }

    private static String traceRegex(String kind) {
        return "(?s)" + KIND_PREFIX + Pattern.quote(kind) + "(\\n.*)?";
    }

    private static Status status(boolean passed, FailureKind failureKind) {
        if (passed) {
            return Status.PASSED;
        }
        return failureKind != null ? Status.BROKEN : Status.FAILED;
    }

    private static String kind(FailureKind failureKind) {
        return failureKind == null ? WRONG_VALUES : failureKind.id();
    }

    /** Hex MD5 of the submission's and the test's names: the same test gets the same id in every run. */
    static String stableId(String submission, String name) {
        try {
            byte[] digest = MessageDigest.getInstance("MD5").digest((submission + "\n" + name).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has MD5", e);
        }
    }

    /** As the console report prints errors: {@code %.2e}. */
    private static String scientific(double value, String notFinite) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%.2e", value) : notFinite;
    }

    private static String plain(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
    }

    private static String cell(double[] values, int epoch) {
        return values == null || epoch >= values.length ? "" : notebookNumber(values[epoch]);
    }

    /** The epoch's |loss − loss_pt|, the notebook's summand; empty where either is missing. */
    private static String delta(double[] expected, double[] actual, int epoch) {
        return expected == null || actual == null || epoch >= expected.length || epoch >= actual.length ? ""
                : notebookNumber(Math.abs(actual[epoch] - expected[epoch]));
    }

    private static String word(String key, Locale locale, Object... args) {
        return Text.of(key, args).render(locale);
    }
}
