package io.cnnhomework.grader.api;

import io.cnnhomework.grader.exercise.InProcessRunner;
import io.cnnhomework.grader.exercise.SubmissionRunner;
import io.cnnhomework.grader.exercise.TimeBudget;
import io.cnnhomework.grader.exercise.TimeLimitedRunner;
import io.cnnhomework.grader.exercise.TrainingProgress;
import io.cnnhomework.grader.grading.Coverage;
import io.cnnhomework.grader.grading.GradeReport;
import io.cnnhomework.grader.grading.Grader;
import io.cnnhomework.grader.grading.LayerCheck;
import io.cnnhomework.grader.grading.OptionalGrade;
import io.cnnhomework.grader.grading.OptionalTask;
import io.cnnhomework.grader.grading.TaskGrade;
import io.cnnhomework.grader.grading.Timing;
import io.cnnhomework.grader.grading.TrainingRun;
import io.cnnhomework.grader.messages.Messages;
import io.cnnhomework.grader.messages.Text;
import io.cnnhomework.grader.policy.BytecodePolicy;
import io.cnnhomework.grader.reference.LayerCase;
import io.cnnhomework.grader.reference.ReferenceSet;
import io.cnnhomework.grader.report.ClassroomResult;
import io.cnnhomework.grader.report.Audience;
import io.cnnhomework.grader.report.ConsoleReport;
import io.cnnhomework.grader.report.JsonReport;
import io.cnnhomework.grader.report.allure.AllureResults;
import io.cnnhomework.grader.submission.FailureKind;
import io.cnnhomework.grader.submission.StudentFailure;
import io.cnnhomework.grader.submission.WrittenAnswers;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * Grades the homework classes on a test's class path, in that JVM, exactly as
 * {@code scripts/grader grade} does, one part at a time, and keeps every verdict for the summary:
 *
 * <pre>{@code
 * HomeworkGrading grading = HomeworkGrading.forTestsOf(HomeworkTest.class);
 * Verdict conv = grading.layer("Conv");
 * assertTrue(conv.passed(), conv.failures());
 * ...
 * grading.finish();   // the summary table, target/grade.json, target/autograding.json, Allure results
 * }</pre>
 *
 * <p>System properties: {@code reference.dir} (default {@code ../reference-data}),
 * {@code grader.lang} ({@code ru} or {@code en}; default the machine's locale),
 * {@code allure.results.directory} (default {@code target/allure-results}); the environment's
 * {@code GITHUB_REPOSITORY} names the submission in the Allure report.
 */
@API(status = API.Status.STABLE, since = "1.0")
public final class HomeworkGrading {

    private final Grader grader;
    private final SubmissionRunner runner;
    private final Locale locale;
    private final List<LayerCheck> checks = new ArrayList<>();
    private final List<TaskGrade> tasks = new ArrayList<>();
    private final Map<String, Timing> timings = new HashMap<>();
    private OptionalGrade optional;

    private HomeworkGrading(Grader grader, SubmissionRunner runner, Locale locale) {
        this.grader = grader;
        this.runner = runner;
        this.locale = locale;
    }

    /**
     * As strict as {@code scripts/grader grade} and a batch: the homework classes' directory is
     * checked against the bytecode policy before any of them runs (a refused submission fails
     * every check and task with the first violation), each part runs under the time limit, all of
     * them under the time budget, on threads with the child JVM's stack.
     *
     * @param testClass a test class whose class loader sees the {@code homework} classes
     * @return a grading of those classes against the reference the system properties name
     */
    public static HomeworkGrading forTestsOf(Class<?> testClass) {
        Path reference = Path.of(System.getProperty("reference.dir", "../reference-data"));
        ClassLoader loader = testClass.getClassLoader();
        Locale locale = Messages.language(null);
        SubmissionRunner runner = InProcessRunner.limited(loader, TimeLimitedRunner.DEFAULT_LIMIT,
                TimeLimitedRunner.DEFAULT_TRAINING_LIMIT, TimeBudget.DEFAULT, TrainingProgress.console(System.out, locale));
        Path classes = homeworkClasses(loader);
        if (classes != null) {
            List<BytecodePolicy.Violation> violations;
            try {
                violations = BytecodePolicy.check(classes);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the homework classes in " + classes, e);
            }
            if (!violations.isEmpty()) {
                runner = SubmissionRunner.refusing(Grader.refusal(violations));
            }
        }
        return new HomeworkGrading(new Grader(ReferenceSet.load(reference)), runner, locale);
    }

    /**
     * @param loader a test's class loader
     * @return the directory the homework classes were compiled into (Maven's {@code
     *     target/classes}), found from where the loader finds them, or {@code null} when they are
     *     not in a directory (then their contract failures say what is missing)
     */
    static Path homeworkClasses(ClassLoader loader) {
        for (String name : List.of("CustomModel", "Conv", "Fc", "ReLU", "SGD")) {
            URL url = loader.getResource(StudentFailure.STUDENT_PACKAGE + "/" + name + ".class");
            if (url != null && "file".equals(url.getProtocol())) {
                try {
                    return Path.of(url.toURI()).getParent().getParent();
                } catch (URISyntaxException | IllegalArgumentException e) {
                    return null;
                }
            }
        }
        return null;
    }

    /** @return the language of the verdicts' messages */
    public Locale locale() {
        return locale;
    }

    /**
     * @param layer a homework class of tasks 1–3, e.g. {@code Conv}
     * @return its verdict on each of its layer cases
     * @throws IllegalArgumentException if the reference has no case for it
     */
    public Verdict layer(String layer) {
        return checkCases(layer, Set.of(layer), false);
    }

    /**
     * @param layers homework classes of the optional task, e.g. {@code MaxPool2d}, or {@code SGD}
     *     for its momentum cases
     * @return the verdict on each of their optional layer cases
     * @throws IllegalArgumentException if the reference has no optional case for them
     */
    public Verdict optionalLayers(String... layers) {
        return checkCases(String.join(", ", layers), Set.of(layers), true);
    }

    private Verdict checkCases(String name, Set<String> layers, boolean optionalCases) {
        List<Verdict.Part> parts = new ArrayList<>();
        for (LayerCase layerCase : grader.reference().layerCases()) {
            if (layerCase.optional() == optionalCases && layers.contains(layerCase.kind().className())) {
                Timing timing = Timing.start();
                LayerCheck check = Audience.STUDENT.view(grader.check(layerCase, runner), grader.reference().visibility());
                timings.put(layerCase.name(), timing.stop());
                checks.add(check);
                parts.add(part(check.caseName(), check.passed(), check.failureKind(), check.message(),
                        check.hint() == null ? null : Text.of("report.hint", check.hint().text())));
            }
        }
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("the reference has no " + (optionalCases ? "optional " : "") + "case for " + layers);
        }
        return new Verdict(name, parts);
    }

    /**
     * @param taskId {@code task1}, {@code task2} or {@code task3}
     * @return its verdict: the loss curve against PyTorch's
     */
    public Verdict task(String taskId) {
        Timing timing = Timing.start();
        TaskGrade grade = Audience.STUDENT.view(grader.grade(taskId, runner, checks), grader.reference().visibility());
        timings.put(taskId, timing.stop());
        tasks.add(grade);
        Text detail = grade.hint() != null ? Text.of("report.hint", grade.hint().text())
                : grade.divergence() == null ? null : Text.of("report.where", grade.divergence());
        return new Verdict(taskId, List.of(part(taskId, grade.passed(), grade.failureKind(), grade.message(), detail)));
    }

    /**
     * Trains the optional task's own network ({@code homework.OwnNetwork}) on the whole digits
     * training split and scores it on the validation split. Prints a progress line as it goes
     * (epoch, training loss and accuracy, time left): one per epoch on a terminal, else one every
     * three seconds at most.
     *
     * @param compare whether to train it again with each optimizer of the comparison
     * @return the verdict on the own run: passed at the required validation accuracy
     */
    public Verdict ownNetwork(boolean compare) {
        Timing timing = Timing.start();
        optional = new OptionalTask(grader.reference()).grade(runner, compare);
        timings.put(GradeReport.OPTIONAL_TIMING, timing.stop());
        TrainingRun own = optional.own();
        return new Verdict("OwnNetwork", List.of(part("OwnNetwork", optional.passed(), own.failureKind(), own.message(), null)),
                optional.attempted());
    }

    /**
     * Prints whether the questions of the answers file ({@code ANSWERS.md} in the working
     * directory, the project's) are answered and the summary of everything graded so far, ending
     * with the score, and writes
     * {@code target/grade.json}, the score for GitHub Classroom's autograding reporter
     * ({@code target/autograding.json}) and the Allure results; all of it as a student may see it,
     * without a private reference set's values
     * ({@link Audience#view(GradeReport, io.cnnhomework.grader.reference.Visibility)}).
     *
     * <p>A run filtered by JUnit tags (surefire's {@code groups} property, e.g. {@code
     * -Dgroups=relu}) or one that left a check or task of tasks 1–3 out is partial: its last line
     * says what ran and passed instead of a score, {@code grade.json} has {@code "partial": true}
     * and no score, and {@code autograding.json} carries no points.
     *
     * @param out where the summary goes
     * @throws IOException if a report cannot be written
     */
    public void finish(PrintStream out) throws IOException {
        GradeReport report = new GradeReport(checks, tasks, List.of(), optional, timings);
        Coverage coverage = Coverage.of(report, grader.reference(), System.getProperty("groups"));
        WrittenAnswers answers = WrittenAnswers.read(Path.of(WrittenAnswers.FILE_NAME), WrittenAnswers.FILE_NAME);
        out.println();
        // the score last: the line a student reads first at the bottom of the build
        out.print(ConsoleReport.answers(answers, locale));
        out.print(ConsoleReport.render(report, locale, coverage));
        JsonReport.write(JsonReport.withCoverage(JsonReport.withAnswers(JsonReport.toJson(report, locale), answers, locale), coverage),
                Path.of("target", "grade.json"));
        ClassroomResult.write(report, coverage, locale, Path.of("target", ClassroomResult.FILE_NAME));
        AllureResults.write(report, Path.of(System.getProperty("allure.results.directory", "target/allure-results")), locale,
                System.getenv().getOrDefault("GITHUB_REPOSITORY", "homework"), id -> grader.reference().task(id).learningRate());
    }

    private Verdict.Part part(String name, boolean passed, FailureKind failure, Text message, Text hint) {
        return new Verdict.Part(name, passed, failure == null ? null : failure.id(), message.render(locale),
                message.render(Locale.ENGLISH), hint == null ? null : hint.render(locale));
    }
}
