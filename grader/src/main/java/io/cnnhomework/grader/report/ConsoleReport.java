package io.cnnhomework.grader.report;

import io.cnnhomework.grader.grading.Coverage;
import io.cnnhomework.grader.grading.GradeReport;
import io.cnnhomework.grader.grading.LayerCheck;
import io.cnnhomework.grader.grading.OptionalGrade;
import io.cnnhomework.grader.grading.OptionalTask;
import io.cnnhomework.grader.grading.TaskGrade;
import io.cnnhomework.grader.grading.TensorComparison;
import io.cnnhomework.grader.grading.TrainingRun;
import io.cnnhomework.grader.messages.Text;
import io.cnnhomework.grader.submission.WrittenAnswers;
import java.util.List;
import java.util.Locale;

/**
 * The summary a student reads in ten seconds: layer checks, then tasks, one row each (check,
 * status, error, message), every other tensor that differs and the hint or the divergence on the
 * lines below, and the score. Messages quote what submissions threw and printed, so every one is
 * made {@link Inert#terminal(String)}: no escape sequence or carriage return of a submission
 * reaches the terminal.
 */
public final class ConsoleReport {

    private static final String ROW = "%-44s  %-6s  %-10s  %s%n";
    private static final String DETAIL = "%-44s  %-6s  %-10s  %s%n";
    private static final String COMPARISON = "  %-26s  %-12s  %-10s  %s%n";

    private ConsoleReport() {
    }

    /**
     * @param report the grading result
     * @param locale the language
     * @return the table, ending with a newline
     */
    public static String render(GradeReport report, Locale locale) {
        return render(report, locale, Coverage.COMPLETE);
    }

    /**
     * @param report the grading result
     * @param locale the language
     * @param coverage whether the whole homework ran; a partial run's last line says so and gives no score
     * @return the table, ending with a newline
     */
    public static String render(GradeReport report, Locale locale, Coverage coverage) {
        StringBuilder out = new StringBuilder();
        if (!report.requiredChecks().isEmpty()) {
            out.append(text("report.layers", locale)).append(System.lineSeparator());
            header(out, "report.header.check", locale);
            checks(out, report.requiredChecks(), locale);
        }
        out.append(text("report.tasks", locale)).append(System.lineSeparator());
        header(out, "report.header.task", locale);
        for (TaskGrade task : report.tasks()) {
            row(out, task.id(), task.passed(), Double.isFinite(task.summedError()) ? scientific(task.summedError()) : "-",
                    task.message(), locale);
            if (task.hint() != null) {
                detail(out, Text.of("report.hint", task.hint().text()), locale);
            }
            if (task.divergence() != null) {
                detail(out, Text.of("report.where", task.divergence()), locale);
            }
            if (task.hint() != null) {
                detail(out, Text.of("report.hint", task.hint().text()), locale);
            }
        }
        if (!report.diagnostics().isEmpty()) {
            out.append(text("report.compiler", locale)).append(System.lineSeparator());
            report.diagnostics().stream().limit(20).forEach(line -> out.append("  ").append(Inert.terminal(line)).append(System.lineSeparator()));
        }
        optional(out, report, locale);
        out.append(scoreLine(report, coverage).render(locale)).append(System.lineSeparator());
        return out.toString();
    }

    /**
     * @param report the grading result
     * @param coverage whether the whole homework ran
     * @return the verdict's last line: the score out of 100, or for a partial run what ran and
     *     passed (every layer check, task and optional check in the table) and no score
     */
    public static Text scoreLine(GradeReport report, Coverage coverage) {
        long checksPassed = report.requiredChecks().stream().filter(LayerCheck::passed).count();
        long tasksPassed = report.tasks().stream().filter(TaskGrade::passed).count();
        if (!coverage.complete()) {
            long optionalPassed = report.optionalChecks().stream().filter(LayerCheck::passed).count();
            Text scope = coverage.tags().isEmpty() ? Text.of("report.partial.some")
                    : Text.of("report.partial.tags", String.join(", ", coverage.tags()));
            return Text.of("report.partial", scope, checksPassed + tasksPassed + optionalPassed,
                    report.requiredChecks().size() + report.tasks().size() + report.optionalChecks().size());
        }
        return Text.of("report.score", String.format(Locale.ROOT, "%.1f", report.score()), checksPassed,
                report.requiredChecks().size(), tasksPassed, report.tasks().size());
    }

    /**
     * @param answers a submission's written answers
     * @param locale the language
     * @return one line: whether the questions were answered, or what is missing; the answers
     *     themselves stay out of the console
     */
    public static String answers(WrittenAnswers answers, Locale locale) {
        Text line = switch (answers.status()) {
            case NO_FILE -> Text.of("report.answers.no-file", WrittenAnswers.FILE_NAME);
            case NO_HEADING -> Text.of("report.answers.no-heading", Inert.terminal(answers.file()));
            case ANSWERED, PARTLY, EMPTY -> Text.of("report.answers", Inert.terminal(answers.file()),
                    answers.answers().stream().filter(WrittenAnswers.Answer::given).count(), answers.answers().size());
        };
        return line.render(locale) + System.lineSeparator();
    }

    private static void checks(StringBuilder out, List<LayerCheck> checks, Locale locale) {
        for (LayerCheck check : checks) {
            double worst = check.tensors().stream().mapToDouble(TensorComparison::maxAbsError).max().orElse(0);
            String name = check.layer() + " " + check.caseName();
            String error = check.failureKind() != null ? "-" : scientific(worst);
            List<TensorComparison> differing = check.passed() || check.failureKind() != null ? List.of()
                    : check.tensors().stream().filter(tensor -> !tensor.passed()).toList();
            if (differing.size() > 1) {
                // One line per tensor that differs, rather than the message's single long line.
                row(out, name, false, error, differing.get(0).describe(), locale);
                differing.subList(1, differing.size()).forEach(tensor -> detail(out, tensor.describe(), locale));
            } else {
                row(out, name, check.passed(), error, check.message(), locale);
            }
            if (check.hint() != null) {
                detail(out, Text.of("report.hint", check.hint().text()), locale);
            }
        }
    }

    /** The optional task's layer checks, its training verdict and the optimizer comparison. */
    private static void optional(StringBuilder out, GradeReport report, Locale locale) {
        OptionalGrade grade = report.optional();
        if (report.optionalChecks().isEmpty() && grade == null) {
            return;
        }
        out.append(text("report.optional", locale)).append(System.lineSeparator());
        header(out, "report.header.check", locale);
        checks(out, report.optionalChecks(), locale);
        if (grade == null) {
            return;
        }
        TrainingRun own = grade.own();
        if (!grade.attempted()) {
            out.append(String.format(Locale.ROOT, ROW, text("report.optional.own", locale), "-", "-",
                    text("report.optional.not-attempted", locale)));
            return;
        }
        row(out, text("report.optional.own", locale), grade.passed(), OptionalTask.percent(own.finalAccuracy()), own.message(),
                locale);
        if (own.epochs() > 0) {
            detail(out, Text.of("report.optional.details", own.parameters(), own.batchSize(), own.epochs(), own.optimizer(),
                    OptionalTask.percent(OptionalTask.PASS_ACCURACY)), locale);
        }
        if (grade.comparison().isEmpty()) {
            return;
        }
        out.append(text("report.optional.comparison", locale)).append(System.lineSeparator());
        out.append(String.format(Locale.ROOT, COMPARISON, text("report.header.optimizer", locale), text("report.header.accuracy", locale),
                text("report.header.train-loss", locale), text("report.header.seconds", locale)));
        for (TrainingRun run : grade.comparison()) {
            double loss = run.trainLoss().length == 0 ? Double.NaN : run.trainLoss()[run.trainLoss().length - 1];
            out.append(String.format(Locale.ROOT, COMPARISON, run.name(), OptionalTask.percent(run.finalAccuracy()),
                    Double.isNaN(loss) ? "-" : String.format(Locale.ROOT, "%.4f", loss),
                    run.failureKind() != null ? Inert.terminal(run.message().render(locale)) : String.format(Locale.ROOT, "%.2f", run.seconds())));
        }
    }

    private static void header(StringBuilder out, String firstColumn, Locale locale) {
        out.append(String.format(Locale.ROOT, ROW, text(firstColumn, locale), text("report.header.status", locale),
                text("report.header.error", locale), text("report.header.message", locale)));
    }

    private static void row(StringBuilder out, String name, boolean passed, String error, Text message, Locale locale) {
        out.append(String.format(Locale.ROOT, ROW, name, text(passed ? "report.status.pass" : "report.status.fail", locale), error,
                Inert.terminal(message.render(locale))));
    }

    private static void detail(StringBuilder out, Text text, Locale locale) {
        out.append(String.format(Locale.ROOT, DETAIL, "", "", "", Inert.terminal(text.render(locale))));
    }

    private static String text(String key, Locale locale) {
        return Text.of(key).render(locale);
    }

    private static String scientific(double value) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%.2e", value) : "inf";
    }
}
