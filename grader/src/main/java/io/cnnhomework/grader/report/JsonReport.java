package io.cnnhomework.grader.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cnnhomework.grader.grading.Coverage;
import io.cnnhomework.grader.grading.GradeReport;
import io.cnnhomework.grader.grading.LayerCheck;
import io.cnnhomework.grader.grading.OptionalGrade;
import io.cnnhomework.grader.grading.OptionalTask;
import io.cnnhomework.grader.grading.TaskGrade;
import io.cnnhomework.grader.grading.TensorComparison;
import io.cnnhomework.grader.grading.TrainingRun;
import io.cnnhomework.grader.messages.Text;
import io.cnnhomework.grader.submission.SourceTree;
import io.cnnhomework.grader.submission.WrittenAnswers;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * The machine-readable report: {@code {"passed", "score", "language", "checks": [...], "tasks":
 * [...], "diagnostics": [...], "optional": {...}, "answers": {...}, "manual": {...}}}; {@code optional}
 * only when the optional task was trained, {@code answers} when the submission's directory was read
 * ({@link #withAnswers}), {@code manual} when the instructor gave points by hand ({@link #withManual}),
 * and checks carry {@code "optional": true} when they belong to it. Messages are rendered in the report's language; values that
 * are not finite are written as {@code null}, since JSON has no NaN.
 */
public final class JsonReport {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonReport() {
    }

    /**
     * @param report the grading result
     * @param locale the language of the messages
     * @return the JSON tree
     */
    public static ObjectNode toJson(GradeReport report, Locale locale) {
        ObjectNode root = JSON.createObjectNode();
        root.put("passed", report.allPassed());
        root.put("score", report.score());
        root.put("language", locale.getLanguage());
        ArrayNode checks = root.putArray("checks");
        for (LayerCheck check : report.checks()) {
            ObjectNode node = checks.addObject();
            node.put("name", check.caseName());
            node.put("layer", check.layer().className());
            node.put("passed", check.passed());
            node.put("optional", check.optional());
            node.put("score", check.score());
            node.put("message", check.message().render(locale));
            if (check.hint() == null) {
                node.putNull("hint");
                node.putNull("hint_id");
            } else {
                node.put("hint", check.hint().text().render(locale));
                node.put("hint_id", check.hint().id());
            }
            if (check.failureKind() != null) {
                node.put("failure", check.failureKind().id());
            }
            ObjectNode parameters = node.putObject("parameters");
            check.parameters().forEach(parameters::put);
            ArrayNode tensors = node.putArray("tensors");
            for (TensorComparison tensor : check.tensors()) {
                ObjectNode t = tensors.addObject();
                t.put("name", tensor.tensor());
                t.put("passed", tensor.passed());
                number(t, "max_abs_error", tensor.maxAbsError());
                t.put("mismatches", tensor.mismatches());
                if (!tensor.passed()) {
                    t.put("detail", tensor.describe().render(locale));
                }
            }
        }
        ArrayNode tasks = root.putArray("tasks");
        for (TaskGrade task : report.tasks()) {
            ObjectNode node = tasks.addObject();
            node.put("id", task.id());
            node.put("passed", task.passed());
            node.put("score", task.score());
            number(node, "summed_error", task.summedError());
            numbers(node.putArray("expected"), task.expected());
            numbers(node.putArray("actual"), task.actual());
            if (task.expectedVal() != null) {
                numbers(node.putArray("expected_val"), task.expectedVal());
                numbers(node.putArray("actual_val"), task.actualVal() == null ? new double[0] : task.actualVal());
                number(node, "val_summed_error", task.valSummedError());
            }
            node.put("message", task.message().render(locale));
            if (task.hint() != null) {
                node.put("hint", task.hint().text().render(locale));
                node.put("hint_id", task.hint().id());
            }
            if (task.divergence() != null) {
                node.put("divergence", task.divergence().render(locale));
            }
            if (task.hint() != null) {
                node.put("hint", task.hint().text().render(locale));
                node.put("hint_id", task.hint().id());
            }
            if (task.failureKind() != null) {
                node.put("failure", task.failureKind().id());
            }
        }
        ArrayNode errors = root.putArray("diagnostics");
        report.diagnostics().forEach(errors::add);
        if (report.optional() != null) {
            optional(root.putObject("optional"), report.optional(), locale);
        }
        return root;
    }

    private static void optional(ObjectNode node, OptionalGrade grade, Locale locale) {
        node.put("attempted", grade.attempted());
        node.put("passed", grade.passed());
        node.put("pass_accuracy", OptionalTask.PASS_ACCURACY);
        TrainingRun own = grade.own();
        number(node, "val_accuracy", own.finalAccuracy());
        node.put("seconds", own.seconds());
        node.put("epochs", own.epochs());
        node.put("batch_size", own.batchSize());
        node.put("parameters", own.parameters());
        run(node.putObject("own"), own, locale);
        ArrayNode comparison = node.putArray("comparison");
        grade.comparison().forEach(run -> run(comparison.addObject(), run, locale));
    }

    /**
     * @param run one training run of the optional task
     * @param locale the language of its message
     * @return {@code {"name", "optimizer", "message", "val_accuracy", "seconds", "epochs",
     *     "batch_size", "parameters", "train_loss": [...], "val_loss": [...],
     *     "val_accuracy_curve": [...]}}
     */
    public static ObjectNode toJson(TrainingRun run, Locale locale) {
        ObjectNode node = JSON.createObjectNode();
        run(node, run, locale);
        node.put("epochs", run.epochs());
        node.put("batch_size", run.batchSize());
        node.put("parameters", run.parameters());
        return node;
    }

    /**
     * Adds a submission's written answers: {@code "answers": {"file", "status", "truncated",
     * "questions": [{"id", "question", "answer", "given"}], "unparsed"}}; {@code unparsed} only when
     * the file has no answer heading. The answers are the student's text, kept as written: a page
     * that shows them must escape them ({@link Inert#html}).
     *
     * @param root a report's tree, as {@link #toJson(GradeReport, Locale)} makes it
     * @param answers the submission's answers
     * @param locale the language of the questions
     * @return {@code root}
     */
    public static ObjectNode withAnswers(ObjectNode root, WrittenAnswers answers, Locale locale) {
        ObjectNode node = root.putObject("answers");
        if (answers.file() == null) {
            node.putNull("file");
        } else {
            node.put("file", answers.file());
        }
        node.put("status", answers.status().id());
        node.put("truncated", answers.truncated());
        ArrayNode questions = node.putArray("questions");
        for (WrittenAnswers.Answer answer : answers.answers()) {
            ObjectNode question = questions.addObject();
            question.put("id", answer.question().id());
            question.put("question", Text.of(answer.question().messageKey()).render(locale));
            question.put("answer", answer.text());
            question.put("given", answer.given());
        }
        if (answers.unparsed() != null) {
            node.put("unparsed", answers.unparsed());
        }
        return root;
    }

    /**
     * Marks a partial run (see {@link Coverage}): {@code "partial": true}, the tags, and no
     * {@code "score"}, which would read as the whole homework's; a complete run is left as it is.
     *
     * @param root a report's JSON
     * @param coverage whether the whole homework ran
     * @return {@code root}
     */
    public static ObjectNode withCoverage(ObjectNode root, Coverage coverage) {
        if (!coverage.complete()) {
            root.remove("score");
            root.put("partial", true);
            ArrayNode tags = root.putArray("tags");
            coverage.tags().forEach(tags::add);
        }
        return root;
    }

    /**
     * Sets or removes the instructor's manual points: {@code "manual": {"points", "comment"}},
     * apart from the automatic {@code score}; {@code points} is {@code null} when only a comment was
     * given.
     *
     * @param root a report's tree
     * @param points the points, NaN for none
     * @param comment the comment, empty for none
     * @return {@code root}
     */
    public static ObjectNode withManual(ObjectNode root, double points, String comment) {
        if (Double.isNaN(points) && comment.isEmpty()) {
            root.remove("manual");
            return root;
        }
        ObjectNode node = root.putObject("manual");
        number(node, "points", points);
        node.put("comment", comment);
        return root;
    }

    /**
     * Reads a report written by {@link #write(ObjectNode, Path)}, changes it and writes it back
     * atomically.
     *
     * @param file the report
     * @param change what to change in its tree
     * @throws IOException if it cannot be read, is no JSON object, or cannot be written
     */
    public static void update(Path file, UnaryOperator<ObjectNode> change) throws IOException {
        JsonNode tree;
        try {
            tree = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new IOException(file + ": not a readable report: " + e.getMessage(), e);
        }
        if (!(tree instanceof ObjectNode root)) {
            throw new IOException(file + ": not a report (no JSON object)");
        }
        write(change.apply(root), file);
    }

    /**
     * Writes a JSON tree atomically.
     *
     * @param node the tree
     * @param file where to write it
     * @throws IOException if it cannot be written
     */
    public static void write(ObjectNode node, Path file) throws IOException {
        AtomicFiles.write(file, out -> JSON.writeValue(out, node));
    }

    private static void run(ObjectNode node, TrainingRun run, Locale locale) {
        node.put("name", run.name());
        node.put("optimizer", run.optimizer());
        node.put("message", run.message().render(locale));
        if (run.failureKind() != null) {
            node.put("failure", run.failureKind().id());
        }
        number(node, "val_accuracy", run.finalAccuracy());
        node.put("seconds", run.seconds());
        numbers(node.putArray("train_loss"), run.trainLoss());
        numbers(node.putArray("val_loss"), run.valLoss());
        numbers(node.putArray("val_accuracy_curve"), run.valAccuracy());
    }

    /**
     * Adds what of the submission was not compiled.
     *
     * @param root a report's tree, as {@link #toJson(GradeReport, Locale)} makes it
     * @param ignored what of the submission was left out ({@code SourceTree#ignored()}): listed as
     *     {@code "ignored_files"}, at most {@value SourceTree#MAX_LISTED} and a count of the rest
     * @return {@code root}
     */
    public static ObjectNode withIgnored(ObjectNode root, List<String> ignored) {
        ArrayNode files = root.putArray("ignored_files");
        SourceTree.listed(ignored).forEach(files::add);
        return root;
    }

    private static void number(ObjectNode node, String field, double value) {
        if (Double.isFinite(value)) {
            node.put(field, value);
        } else {
            node.putNull(field);
        }
    }

    private static void numbers(ArrayNode array, double[] values) {
        for (double value : values) {
            if (Double.isFinite(value)) {
                array.add(value);
            } else {
                array.addNull();
            }
        }
    }
}
