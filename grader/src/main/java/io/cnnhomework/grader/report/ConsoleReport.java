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
import io.cnnhomework.grader.submission.FailureKind;
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

    /** Least widths of the check and error columns: the English layout, whatever the rows. */
    private static final int NAME_WIDTH = 44;
    private static final int ERROR_WIDTH = 10;
    /** Least widths of the optimizer comparison's columns, its indentation included. */
    private static final int[] COMPARISON_WIDTHS = {28, 12, 10};
    private static final String INDENT = "  ";

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
            Columns table = header("report.header.check", "report.header.error", locale);
            checks(table, report.requiredChecks(), locale);
            out.append(table.render());
        }
        if (!report.tasks().isEmpty()) {
            out.append(text("report.tasks", locale)).append(System.lineSeparator());
            Columns table = header("report.header.task", "report.header.summed-error", locale);
            for (TaskGrade task : report.tasks()) {
                row(table, task.id(), status(task.passed(), locale),
                        Double.isFinite(task.summedError()) ? scientific(task.summedError()) : "-", task.message(), locale);
                if (task.hint() != null) {
                    detail(table, Text.of("report.hint", task.hint().text()), locale);
                }
                if (task.divergence() != null) {
                    detail(table, Text.of("report.where", task.divergence()), locale);
                }
            }
            out.append(table.render());
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

    private static void checks(Columns table, List<LayerCheck> checks, Locale locale) {
        for (LayerCheck check : checks) {
            double worst = check.tensors().stream().mapToDouble(TensorComparison::maxAbsError).max().orElse(0);
            String name = check.layer() + " " + check.caseName();
            String error = check.failureKind() != null ? "-" : scientific(worst);
            List<TensorComparison> differing = check.passed() || check.failureKind() != null ? List.of()
                    : check.tensors().stream().filter(tensor -> !tensor.passed()).toList();
            if (differing.size() > 1) {
                // One line per tensor that differs, rather than the message's single long line.
                row(table, name, status(false, locale), error, differing.get(0).describe(), locale);
                differing.subList(1, differing.size()).forEach(tensor -> detail(table, tensor.describe(), locale));
            } else {
                row(table, name, skipped(check) ? text("report.status.skipped", locale) : status(check.passed(), locale), error,
                        check.message(), locale);
            }
            if (check.hint() != null) {
                detail(table, Text.of("report.hint", check.hint().text()), locale);
            }
        }
    }

    /**
     * @param check a layer check
     * @return whether it is optional work not begun: a stub of the optional task, which is skipped
     *     rather than failed
     */
    public static boolean skipped(LayerCheck check) {
        return check.optional() && check.failureKind() == FailureKind.NOT_IMPLEMENTED;
    }

    /** The optional task's layer checks, its training verdict and the optimizer comparison. */
    private static void optional(StringBuilder out, GradeReport report, Locale locale) {
        OptionalGrade grade = report.optional();
        if (report.optionalChecks().isEmpty() && grade == null) {
            return;
        }
        out.append(text("report.optional", locale)).append(System.lineSeparator());
        Columns table = header("report.header.check", "report.header.error", locale);
        checks(table, report.optionalChecks(), locale);
        if (grade != null) {
            TrainingRun own = grade.own();
            if (!grade.attempted()) {
                table.row(text("report.optional.own", locale), text("report.status.skipped", locale), "-",
                        text("report.optional.not-attempted", locale));
            } else {
                row(table, text("report.optional.own", locale), status(grade.passed(), locale), OptionalTask.percent(own.finalAccuracy()),
                        own.message(), locale);
                if (own.epochs() > 0) {
                    detail(table, Text.of("report.optional.details", own.parameters(), own.batchSize(), own.epochs(), own.optimizer(),
                            OptionalTask.percent(OptionalTask.PASS_ACCURACY)), locale);
                }
            }
        }
        out.append(table.render());
        if (grade == null || !grade.attempted() || grade.comparison().isEmpty()) {
            return;
        }
        out.append(text("report.optional.comparison", locale)).append(System.lineSeparator());
        Columns comparison = new Columns(COMPARISON_WIDTHS);
        comparison.row(INDENT + text("report.header.optimizer", locale), text("report.header.accuracy", locale),
                text("report.header.train-loss", locale), text("report.header.seconds", locale));
        for (TrainingRun run : grade.comparison()) {
            double loss = run.trainLoss().length == 0 ? Double.NaN : run.trainLoss()[run.trainLoss().length - 1];
            comparison.row(INDENT + Inert.terminal(run.name()), OptionalTask.percent(run.finalAccuracy()),
                    Double.isNaN(loss) ? "-" : String.format(Locale.ROOT, "%.4f", loss),
                    run.failureKind() != null ? Inert.terminal(run.message().render(locale)) : String.format(Locale.ROOT, "%.2f", run.seconds()));
        }
        out.append(comparison.render());
    }

    /**
     * The layer checks', the tasks' and the optional task's tables share their columns: the status
     * column fits every status word of the language, the error column both error headers.
     */
    private static Columns header(String firstColumn, String errorColumn, Locale locale) {
        int status = 0;
        for (String key : List.of("report.status.pass", "report.status.fail", "report.status.skipped", "report.header.status")) {
            status = Math.max(status, Columns.width(text(key, locale)));
        }
        int error = Math.max(ERROR_WIDTH, Math.max(Columns.width(text("report.header.error", locale)),
                Columns.width(text("report.header.summed-error", locale))));
        return new Columns(NAME_WIDTH, status, error).row(text(firstColumn, locale), text("report.header.status", locale), text(errorColumn, locale),
                text("report.header.message", locale));
    }

    private static String status(boolean passed, Locale locale) {
        return text(passed ? "report.status.pass" : "report.status.fail", locale);
    }

    private static void row(Columns table, String name, String status, String error, Text message, Locale locale) {
        table.row(Inert.terminal(name), status, error, Inert.terminal(message.render(locale)));
    }

    private static void detail(Columns table, Text text, Locale locale) {
        table.row("", "", "", Inert.terminal(text.render(locale)));
    }

    private static String text(String key, Locale locale) {
        return Text.of(key).render(locale);
    }

    private static String scientific(double value) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%.2e", value) : "inf";
    }
}
