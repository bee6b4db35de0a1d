package io.cnnhomework.grader.report.allure;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.cnnhomework.grader.grading.GradeReport;
import io.cnnhomework.grader.grading.LayerCheck;
import io.cnnhomework.grader.grading.OptionalGrade;
import io.cnnhomework.grader.grading.OptionalTask;
import io.cnnhomework.grader.grading.LossCurveCheck;
import io.cnnhomework.grader.grading.TaskGrade;
import io.cnnhomework.grader.grading.TensorComparison;
import io.cnnhomework.grader.grading.TrainingRun;
import io.cnnhomework.grader.messages.Text;
import io.cnnhomework.grader.report.AtomicFiles;
import io.cnnhomework.grader.report.allure.AllureModel.Attachment;
import io.cnnhomework.grader.report.allure.AllureModel.Category;
import io.cnnhomework.grader.report.allure.AllureModel.Label;
import io.cnnhomework.grader.report.allure.AllureModel.Parameter;
import io.cnnhomework.grader.report.allure.AllureModel.Result;
import io.cnnhomework.grader.report.allure.AllureModel.Step;
import io.cnnhomework.grader.report.allure.AllureModel.StatusDetails;
import io.cnnhomework.grader.report.plot.LossCurvePlot;
import io.cnnhomework.grader.report.plot.OptimizerComparisonPlot;
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
 */
public final class AllureResults {

    /** The learning rate of the notebook's training loops ({@code lr = 1}) for every task. */
    public static final double NOTEBOOK_LEARNING_RATE = 1.0;

    /** The failure kind of a check or task whose code ran but whose values differ. */
    static final String WRONG_VALUES = "wrong-values";

    /** The trace's first line, from which the categories read the failure kind. */
    static final String KIND_PREFIX = "failure: ";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** The JUnit tag of each homework class's tests. */
    private static final Map<String, String> TAGS = Map.of(
            "Conv", "conv",
            "Fc", "fc",
            "ReLU", "relu",
            "Softmax", "softmax",
            "CrossEntropyLoss", "cross-entropy",
            "BatchNorm2d", "batchnorm",
            "AvgPool", "avgpool",
            "MaxPool2d", "maxpool",
            "SGD", "sgd");

    /** Failure kinds in the order the categories list them. */
    private static final List<String> KINDS = List.of("not-implemented", "exception", "contract", "timeout", "compile-error",
            WRONG_VALUES);

    /** Each failure kind's category name in the message bundles. */
    private static final Map<String, String> CATEGORY_KEYS = Map.of(
            "not-implemented", "allure.category.not-implemented",
            "exception", "allure.category.exception",
            "contract", "allure.category.contract",
            "timeout", "allure.category.timeout",
            "compile-error", "allure.category.compile-error",
            WRONG_VALUES, "allure.category.wrong-values");

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
        Objects.requireNonNull(submissionName, "submissionName");
        Files.createDirectories(resultsDir);
        long now = System.currentTimeMillis();
        for (LayerCheck check : report.checks()) {
            writeResult(resultsDir, checkResult(check, resultsDir, locale, submissionName, now));
        }
        for (TaskGrade task : report.tasks()) {
            writeResult(resultsDir, taskResult(task, learningRate.applyAsDouble(task.id()), resultsDir, locale, submissionName,
                    now));
        }
        if (report.optional() != null) {
            writeResult(resultsDir, optionalResult(report.optional(), resultsDir, locale, submissionName, now));
        }
        writeEnvironment(resultsDir, locale, submissionName);
        writeCategories(resultsDir, locale);
    }

    /**
     * @param layer a homework class, e.g. {@code CrossEntropyLoss}
     * @return the JUnit tag of its tests, e.g. {@code cross-entropy}
     */
    public static String tag(String layer) {
        return TAGS.getOrDefault(layer, layer.toLowerCase(Locale.ROOT));
    }

    private static Result checkResult(LayerCheck check, Path dir, Locale locale, String submission, long now)
            throws IOException {
        String name = check.layer() + " \u00b7 " + check.caseName();
        String status = status(check.passed(), check.failureKind());
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

        List<Step> steps = new ArrayList<>();
        for (TensorComparison tensor : check.tensors()) {
            String stepStatus = tensor.passed() ? AllureModel.PASSED
                    : check.failureKind() != null && tensor.actualShape() == null ? AllureModel.BROKEN : AllureModel.FAILED;
            steps.add(Step.of(tensor.tensor(), stepStatus, tensor.passed() ? null : tensor.describe().render(locale), now,
                    List.of(new Parameter("shape", Arrays.toString(tensor.expectedShape())),
                            new Parameter("max |\u0394|", scientific(tensor.maxAbsError(), "inf")))));
        }

        List<Attachment> attachments = new ArrayList<>();
        if (!check.passed()) {
            attachments.add(attach(dir, word("allure.attachment.mismatches", locale), "text/csv", "csv",
                    mismatchTable(check)));
        }

        return new Result(UUID.randomUUID().toString(), stableId(submission, check.caseName()),
                stableId(submission, check.caseName()), name, submission + ": " + name, status,
                new StatusDetails(message, trace.length() == 0 ? null : trace.toString()), AllureModel.FINISHED, now, now,
                List.of(new Label("parentSuite", submission),
                        new Label("suite", Text.of(check.optional() ? "report.optional" : "report.layers").render(locale)),
                        new Label("subSuite", check.layer()),
                        new Label("feature", check.layer()),
                        new Label("tag", tag(check.layer()))),
                checkParameters(check), steps, attachments);
    }

    private static Result taskResult(TaskGrade task, double learningRate, Path dir, Locale locale, String submission, long now)
            throws IOException {
        String status = status(task.passed(), task.failureKind());
        String message = task.message().render(locale);
        if (task.divergence() != null) {
            message += "\n" + Text.of("report.where", task.divergence()).render(locale);
        }
        boolean validates = task.expectedVal() != null;
        String summed = scientific(task.summedError(), "-");
        String valSummed = scientific(task.valSummedError(), "-");

        List<Parameter> parameters = new ArrayList<>(List.of(
                new Parameter("epochs", Integer.toString(task.expected().length)),
                new Parameter("lr", plain(learningRate)),
                new Parameter("summed error", summed)));
        if (validates) {
            parameters.add(new Parameter("validation summed error", valSummed));
        }

        int epochs = task.expected().length;
        boolean broken = task.failureKind() != null;
        List<Step> steps = new ArrayList<>();
        String trainStatus = broken ? AllureModel.BROKEN
                : task.actual().length == epochs ? AllureModel.PASSED : AllureModel.FAILED;
        String failure = task.message().render(locale);
        steps.add(Step.of(word("allure.step.train", locale, epochs), trainStatus,
                trainStatus.equals(AllureModel.PASSED) ? null : failure, now,
                List.of(new Parameter("completed epochs", Integer.toString(task.actual().length)))));
        String compareStatus = task.actual().length == 0 ? AllureModel.SKIPPED
                : task.passed() ? AllureModel.PASSED : AllureModel.FAILED;
        steps.add(Step.of(validates ? word("allure.step.compare-val", locale, summed, valSummed)
                        : word("allure.step.compare", locale, summed),
                compareStatus, compareStatus.equals(AllureModel.FAILED) ? failure : null, now,
                List.of(new Parameter("bar", scientific(LossCurveCheck.PASS_THRESHOLD, "-")))));
        if (task.divergence() != null) {
            steps.add(Step.of(word("allure.step.divergence", locale), AllureModel.FAILED, task.divergence().render(locale), now,
                    List.of()));
        }

        List<Attachment> attachments = new ArrayList<>();
        attachments.add(attach(dir, word("allure.attachment.loss-curve", locale), "image/png", "png",
                LossCurvePlot.png(task, locale)));
        attachments.add(attach(dir, word("allure.attachment.loss-table", locale), "text/csv", "csv", lossTable(task)));
        if (!task.passed()) {
            attachments.add(attach(dir, word("allure.attachment.message", locale), "text/plain", "txt",
                    message.getBytes(StandardCharsets.UTF_8)));
        }

        String trace = task.passed() ? null : KIND_PREFIX + kind(task.failureKind());
        return new Result(UUID.randomUUID().toString(), stableId(submission, task.id()), stableId(submission, task.id()),
                task.id(), submission + ": " + task.id(), status, new StatusDetails(message, trace), AllureModel.FINISHED, now,
                now,
                List.of(new Label("parentSuite", submission),
                        new Label("suite", Text.of("report.tasks").render(locale)),
                        new Label("feature", task.id()),
                        new Label("tag", task.id())),
                parameters, steps, attachments);
    }

    /**
     * The optional task: the own run's verdict with its figures as parameters, one step per run,
     * and the comparison's loss and accuracy curves as PNGs and one CSV.
     */
    private static Result optionalResult(OptionalGrade grade, Path dir, Locale locale, String submission, long now)
            throws IOException {
        TrainingRun own = grade.own();
        String status = !grade.attempted() ? AllureModel.SKIPPED
                : grade.passed() ? AllureModel.PASSED : status(false, own.failureKind());
        String message = grade.attempted() ? own.message().render(locale) : word("report.optional.not-attempted", locale);
        List<Parameter> parameters = List.of(
                new Parameter("val accuracy", OptionalTask.percent(own.finalAccuracy())),
                new Parameter("bar", OptionalTask.percent(OptionalTask.PASS_ACCURACY)),
                new Parameter("epochs", Integer.toString(own.epochs())),
                new Parameter("batch", Integer.toString(own.batchSize())),
                new Parameter("parameters", Long.toString(own.parameters())),
                new Parameter("optimizer", own.optimizer()),
                new Parameter("seconds", String.format(Locale.ROOT, "%.2f", own.seconds())));
        List<TrainingRun> runs = new ArrayList<>();
        runs.add(own);
        runs.addAll(grade.comparison());
        List<Step> steps = new ArrayList<>();
        for (TrainingRun run : runs) {
            String stepStatus = run.failureKind() != null ? AllureModel.BROKEN : run.completed() ? AllureModel.PASSED : AllureModel.FAILED;
            steps.add(Step.of(run.name() + ": " + run.message().render(locale), stepStatus, null, now,
                    List.of(new Parameter("val accuracy", OptionalTask.percent(run.finalAccuracy())),
                            new Parameter("seconds", String.format(Locale.ROOT, "%.2f", run.seconds())))));
        }
        List<Attachment> attachments = new ArrayList<>();
        if (own.trainLoss().length > 0) {
            attachments.add(attach(dir, word("allure.attachment.optional-loss", locale), "image/png", "png",
                    OptimizerComparisonPlot.lossPng(grade, locale)));
            attachments.add(attach(dir, word("allure.attachment.optional-accuracy", locale), "image/png", "png",
                    OptimizerComparisonPlot.accuracyPng(grade, locale)));
            attachments.add(attach(dir, word("allure.attachment.optional-table", locale), "text/csv", "csv", curveTable(runs)));
        }
        String name = word("report.optional.own", locale);
        return new Result(UUID.randomUUID().toString(), stableId(submission, "optional"), stableId(submission, "optional"), name,
                submission + ": " + name, status,
                new StatusDetails(message, status.equals(AllureModel.PASSED) || status.equals(AllureModel.SKIPPED) ? null
                        : KIND_PREFIX + kind(own.failureKind())),
                AllureModel.FINISHED, now, now,
                List.of(new Label("parentSuite", submission),
                        new Label("suite", Text.of("report.optional").render(locale)),
                        new Label("feature", "optional"),
                        new Label("tag", "optional")),
                parameters, steps, attachments);
    }

    /** {@code run,epoch,train_loss,val_loss,val_accuracy}, one row per run and epoch. */
    static byte[] curveTable(List<TrainingRun> runs) {
        StringBuilder csv = new StringBuilder("run,epoch,train_loss,val_loss,val_accuracy\n");
        for (TrainingRun run : runs) {
            for (int epoch = 0; epoch < run.trainLoss().length; epoch++) {
                csv.append(csvField(run.name())).append(',').append(epoch).append(',').append(cell(run.trainLoss(), epoch))
                        .append(',').append(cell(run.valLoss(), epoch)).append(',').append(cell(run.valAccuracy(), epoch))
                        .append('\n');
            }
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Shapes first, then the attributes by name: {@link LayerCheck#parameters()} keeps no order. */
    private static List<Parameter> checkParameters(LayerCheck check) {
        return check.parameters().entrySet().stream()
                .sorted(Comparator.comparing((Map.Entry<String, String> e) -> !e.getKey().endsWith(" shape"))
                        .thenComparing(Map.Entry::getKey))
                .map(e -> new Parameter(e.getKey(), e.getValue()))
                .toList();
    }

    /** {@code tensor,passed,mismatches,first index,expected,actual,max |Δ|}, one row per tensor. */
    static byte[] mismatchTable(LayerCheck check) {
        StringBuilder csv = new StringBuilder("tensor,passed,mismatches,first index,expected,actual,max |\u0394|\n");
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
                expected = TensorComparison.number(t.firstExpected());
                actual = TensorComparison.number(t.firstActual());
            }
            csv.append(String.join(",", csvField(t.tensor()), Boolean.toString(t.passed()), Integer.toString(t.mismatches()),
                    csvField(index), csvField(expected), csvField(actual), scientific(t.maxAbsError(), "inf"))).append('\n');
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * {@code epoch,loss_pt,loss_student} and for task 3 {@code ,loss_val_pt,loss_val_student}; a
     * student's epoch that did not run is empty.
     */
    static byte[] lossTable(TaskGrade task) {
        boolean validates = task.expectedVal() != null;
        StringBuilder csv = new StringBuilder("epoch,loss_pt,loss_student");
        csv.append(validates ? ",loss_val_pt,loss_val_student\n" : "\n");
        for (int epoch = 0; epoch < task.expected().length; epoch++) {
            csv.append(epoch).append(',').append(cell(task.expected(), epoch)).append(',').append(cell(task.actual(), epoch));
            if (validates) {
                csv.append(',').append(cell(task.expectedVal(), epoch)).append(',').append(cell(task.actualVal(), epoch));
            }
            csv.append('\n');
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void writeResult(Path dir, Result result) throws IOException {
        AtomicFiles.write(dir.resolve(result.uuid() + "-result.json"), out -> JSON.writeValue(out, result));
    }

    private static Attachment attach(Path dir, String name, String type, String extension, byte[] content) throws IOException {
        String source = UUID.randomUUID() + "-attachment." + extension;
        AtomicFiles.write(dir.resolve(source), out -> out.write(content));
        return new Attachment(name, source, type);
    }

    private static void writeEnvironment(Path dir, Locale locale, String submission) throws IOException {
        Properties environment = new Properties();
        environment.setProperty("language", locale.getLanguage());
        environment.setProperty("submission", submission);
        AtomicFiles.write(dir.resolve("environment.properties"), out -> environment.store(out, null));
    }

    private static void writeCategories(Path dir, Locale locale) throws IOException {
        List<Category> categories = KINDS.stream()
                .map(kind -> new Category(word(CATEGORY_KEYS.get(kind), locale),
                        List.of(kind.equals(WRONG_VALUES) ? AllureModel.FAILED : AllureModel.BROKEN),
                        "(?s)" + KIND_PREFIX + Pattern.quote(kind) + "(\\n.*)?"))
                .toList();
        AtomicFiles.write(dir.resolve("categories.json"), out -> JSON.writeValue(out, categories));
    }

    private static String status(boolean passed, String failureKind) {
        if (passed) {
            return AllureModel.PASSED;
        }
        return failureKind != null ? AllureModel.BROKEN : AllureModel.FAILED;
    }

    private static String kind(String failureKind) {
        return failureKind == null ? WRONG_VALUES : failureKind;
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
        return values == null || epoch >= values.length ? "" : Double.toString(values[epoch]);
    }

    private static String csvField(String value) {
        if (value.contains(",") || value.contains("\"") || value.contains("\n")) {
            return '"' + value.replace("\"", "\"\"") + '"';
        }
        return value;
    }

    private static String word(String key, Locale locale, Object... args) {
        return Text.of(key, args).render(locale);
    }
}
