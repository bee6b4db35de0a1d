package io.cnnhomework.grader.report;

import io.cnnhomework.grader.grading.GradeReport;
import io.cnnhomework.grader.grading.LayerCheck;
import io.cnnhomework.grader.grading.LossCurveCheck;
import io.cnnhomework.grader.grading.OptionalGrade;
import io.cnnhomework.grader.grading.OptionalTask;
import io.cnnhomework.grader.grading.TaskGrade;
import io.cnnhomework.grader.grading.TrainingRun;
import io.cnnhomework.grader.messages.Text;
import io.cnnhomework.grader.reference.Visibility;
import io.cnnhomework.grader.report.plot.LossCurvePlot;
import io.cnnhomework.grader.report.plot.OptimizerComparisonPlot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The feedback a student can be sent: {@code feedback.html} (one self-contained page, the
 * loss-curve plots inside it, no script) and {@code feedback.md} (the same words for an LMS's
 * comment box): the score and how it was made, every layer check and task with its points, its
 * message and its hint, the optional task, in the grading's language.
 *
 * <p>Both render the report {@link Audience#view} gives the reader: for a student graded against a
 * private reference set, {@link GradeReport#withoutReferenceValues()}, so that nothing of that
 * set's expected values is shown: a failed check says where and by how much its tensors differ, a
 * failed task its summed error and by how much the first epoch that parts from the reference is
 * off, the plots show the student's curves only. Every string that
 * came from the submission is escaped: HTML character data in the page, Markdown-inert text in
 * the comment.
 */
public final class Feedback {

    /** The page's file name in a submission's report directory. */
    public static final String HTML = "feedback.html";
    /** The comment's file name in a submission's report directory. */
    public static final String MARKDOWN = "feedback.md";

    /**
     * Both renderings of one submission's feedback.
     *
     * @param html the page
     * @param markdown the comment
     */
    public record Pages(String html, String markdown) {
    }

    /** One check, task or training run, as the student reads it. */
    private record Item(String name, boolean passed, boolean skipped, String points, String message, String hint, String where) {
    }

    /** A task's plot, with what it shows. */
    private record Plot(String alt, byte[] png) {
    }

    private static final String CSS = """
            body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; margin: 0 auto; padding: 16px 24px 48px; max-width: 1000px; color: #212121; }
            h1 { font-size: 22px; margin: 8px 0; } h2 { font-size: 18px; margin: 28px 0 8px; border-bottom: 1px solid #e0e0e0; padding-bottom: 4px; }
            h3 { font-size: 16px; margin: 20px 0 4px; }
            .score { font-size: 28px; font-weight: 700; margin: 4px 0; }
            .note { color: #616161; font-size: 13.5px; }
            table { border-collapse: collapse; width: 100%; } th, td { border-bottom: 1px solid #e0e0e0; padding: 5px 6px; text-align: left; vertical-align: top; }
            td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
            .pass { color: #2e7d32; font-weight: 600; } .fail { color: #c62828; font-weight: 600; } .skip { color: #757575; font-weight: 600; }
            .hint { display: block; color: #1565c0; margin-top: 2px; } .where { display: block; color: #6d4c41; margin-top: 2px; }
            .message { overflow-wrap: anywhere; white-space: pre-wrap; }
            img { max-width: 100%; height: auto; border: 1px solid #eee; margin: 6px 0; }
            pre { background: #f6f6f6; padding: 8px; overflow-x: auto; white-space: pre-wrap; overflow-wrap: anywhere; }
            """;

    private Feedback() {
    }

    /**
     * Renders a submission's feedback.
     *
     * @param report the grading
     * @param submission the submission's name (its student id)
     * @param locale the grading's language
     * @param audience who reads it
     * @param visibility the reference set's: a student sees the expected values of a public set only
     * @return the page and the comment
     */
    public static Pages render(GradeReport full, String submission, Locale locale, Audience audience, Visibility visibility) {
        GradeReport report = audience.view(full, visibility);
        boolean withheld = report != full;
        Map<String, Double> points = report.points();
        List<Item> checks = new ArrayList<>();
        for (LayerCheck check : report.requiredChecks()) {
            checks.add(checkItem(check, points(report, points, check.caseName()), locale));
        }
        List<Item> tasks = new ArrayList<>();
        List<Plot> plots = new ArrayList<>();
        for (TaskGrade task : report.tasks()) {
            tasks.add(taskItem(task, points(report, points, task.id()), locale));
            plots.add(new Plot(word("plot.title", locale, task.id()), LossCurvePlot.png(task, locale)));
        }
        List<Item> optional = new ArrayList<>();
        for (LayerCheck check : report.optionalChecks()) {
            optional.add(checkItem(check, "", locale));
        }
        if (report.optional() != null) {
            optional.add(ownNetworkItem(report.optional(), locale));
        }
        String title = word("report.feedback.title", locale, submission);
        String score = score(report.score()) + " / " + GradeReport.TOTAL;
        double layerPoints = report.requiredChecks().stream().mapToDouble(c -> points.get(c.caseName())).sum();
        double taskPoints = report.tasks().stream().mapToDouble(t -> points.get(t.id())).sum();
        String how = word("report.feedback.how", locale, report.requiredChecks().size(), GradeReport.LAYER_POINTS,
                score(report.requiredChecks().isEmpty() ? 0 : (double) GradeReport.LAYER_POINTS / report.requiredChecks().size()),
                report.tasks().size(), GradeReport.TASK_POINTS, scientific(LossCurveCheck.PASS_THRESHOLD));
        String earned = word("report.feedback.earned", locale, score(layerPoints), GradeReport.LAYER_POINTS, score(taskPoints),
                GradeReport.TASK_POINTS * report.tasks().size());
        String note = withheld ? word("report.feedback.withheld", locale) : null;
        return new Pages(html(report, title, score, how, earned, note, checks, tasks, plots, optional, locale),
                markdown(report, title, score, how, earned, note, checks, tasks, optional, locale));
    }

    /**
     * Writes both renderings, atomically.
     *
     * @param report the grading
     * @param submission the submission's name
     * @param locale the grading's language
     * @param audience who reads it
     * @param visibility the reference set's
     * @param html where the page goes
     * @param markdown where the comment goes
     * @throws IOException if a file cannot be written
     */
    public static void write(GradeReport report, String submission, Locale locale, Audience audience, Visibility visibility, Path html,
            Path markdown) throws IOException {
        Pages pages = render(report, submission, locale, audience, visibility);
        AtomicFiles.write(html, out -> out.write(pages.html().getBytes(StandardCharsets.UTF_8)));
        AtomicFiles.write(markdown, out -> out.write(pages.markdown().getBytes(StandardCharsets.UTF_8)));
    }

    private static Item checkItem(LayerCheck check, String points, Locale locale) {
        return new Item(check.layer().className() + " \u00b7 " + check.caseName(), check.passed(), ConsoleReport.skipped(check), points, check.message().render(locale),
                check.hint() == null ? null : Text.of("report.hint", check.hint().text()).render(locale), null);
    }

    private static Item taskItem(TaskGrade task, String points, Locale locale) {
        return new Item(task.id(), task.passed(), false, points, task.message().render(locale), null,
                task.divergence() == null ? null : Text.of("report.where", task.divergence()).render(locale));
    }

    private static Item ownNetworkItem(OptionalGrade grade, Locale locale) {
        TrainingRun own = grade.own();
        if (!grade.attempted()) {
            return new Item(word("report.optional.own", locale), false, true, "", word("report.optional.not-attempted", locale), null, null);
        }
        String details = own.epochs() == 0 ? null : Text.of("report.optional.details", own.parameters(), own.batchSize(), own.epochs(),
                own.optimizer(), OptionalTask.percent(OptionalTask.PASS_ACCURACY)).render(locale);
        return new Item(word("report.optional.own", locale), grade.passed(), false, OptionalTask.percent(own.finalAccuracy()),
                own.message().render(locale), details, null);
    }

    private static String html(GradeReport report, String title, String score, String how, String earned, String note, List<Item> checks,
            List<Item> tasks, List<Plot> plots, List<Item> optional, Locale locale) {
        StringBuilder body = new StringBuilder();
        body.append("<h1>").append(Inert.html(title)).append("</h1>\n<p class=\"score\">").append(score).append("</p>\n");
        body.append("<p>").append(Inert.html(how)).append("</p>\n<p>").append(Inert.html(earned)).append("</p>\n");
        if (note != null) {
            body.append("<p class=\"note\">").append(Inert.html(note)).append("</p>\n");
        }
        if (!report.diagnostics().isEmpty()) {
            body.append("<h2>").append(Inert.html(word("report.compiler", locale))).append("</h2>\n<pre>")
                    .append(Inert.html(String.join("\n", report.diagnostics()))).append("</pre>\n");
        }
        if (!checks.isEmpty()) {
            body.append("<h2>").append(Inert.html(word("report.layers", locale))).append("</h2>\n");
            table(body, checks, word("report.header.check", locale), locale);
        }
        if (!tasks.isEmpty()) {
            body.append("<h2>").append(Inert.html(word("report.tasks", locale))).append("</h2>\n");
        }
        for (int i = 0; i < tasks.size(); i++) {
            Item task = tasks.get(i);
            body.append("<h3>").append(Inert.html(task.name())).append(" \u2014 ").append(status(task, locale)).append(" \u2014 ")
                    .append(Inert.html(task.points())).append("</h3>\n<p class=\"message\">").append(Inert.html(task.message()));
            if (task.where() != null) {
                body.append("<span class=\"where\">").append(Inert.html(task.where())).append("</span>");
            }
            body.append("</p>\n<img alt=\"").append(Inert.html(plots.get(i).alt())).append("\" src=\"").append(HtmlPage.dataUri(plots.get(i).png()))
                    .append("\">\n");
        }
        if (!optional.isEmpty()) {
            body.append("<h2>").append(Inert.html(word("report.optional", locale))).append("</h2>\n");
            table(body, optional, word("report.header.check", locale), locale);
            OptionalGrade grade = report.optional();
            if (grade != null && grade.attempted() && grade.own().trainLoss().length > 0) {
                body.append("<img alt=\"").append(Inert.html(word(OptimizerComparisonPlot.title(grade, true), locale))).append("\" src=\"")
                        .append(HtmlPage.dataUri(OptimizerComparisonPlot.lossPng(grade, locale))).append("\">\n<img alt=\"")
                        .append(Inert.html(word(OptimizerComparisonPlot.title(grade, false), locale))).append("\" src=\"")
                        .append(HtmlPage.dataUri(OptimizerComparisonPlot.accuracyPng(grade, locale))).append("\">\n");
            }
        }
        return HtmlPage.render(locale, title, CSS, body.toString(), null);
    }

    private static void table(StringBuilder body, List<Item> items, String first, Locale locale) {
        body.append("<table><thead><tr><th>").append(Inert.html(first)).append("</th><th>")
                .append(Inert.html(word("report.header.status", locale))).append("</th><th>")
                .append(Inert.html(word("report.feedback.points", locale))).append("</th><th>")
                .append(Inert.html(word("report.header.message", locale))).append("</th></tr></thead><tbody>\n");
        for (Item item : items) {
            body.append("<tr><td>").append(Inert.html(item.name())).append("</td><td>").append(status(item, locale))
                    .append("</td><td class=\"num\">").append(Inert.html(item.points())).append("</td><td class=\"message\">")
                    .append(Inert.html(item.message()));
            if (item.hint() != null) {
                body.append("<span class=\"hint\">").append(Inert.html(item.hint())).append("</span>");
            }
            body.append("</td></tr>\n");
        }
        body.append("</tbody></table>\n");
    }

    private static String status(Item item, Locale locale) {
        return "<span class=\"" + (item.passed() ? "pass" : item.skipped() ? "skip" : "fail") + "\">"
                + Inert.html(word(statusKey(item), locale)) + "</span>";
    }

    private static String statusKey(Item item) {
        return item.passed() ? "report.status.pass" : item.skipped() ? "report.status.skipped" : "report.status.fail";
    }

    private static String markdown(GradeReport report, String title, String score, String how, String earned, String note,
            List<Item> checks, List<Item> tasks, List<Item> optional, Locale locale) {
        StringBuilder md = new StringBuilder();
        md.append("# ").append(Inert.markdown(title)).append("\n\n**").append(score).append("**\n\n").append(Inert.markdown(how))
                .append("\n\n").append(Inert.markdown(earned)).append("\n\n");
        if (note != null) {
            md.append('_').append(Inert.markdown(note)).append("_\n\n");
        }
        if (!report.diagnostics().isEmpty()) {
            md.append("## ").append(Inert.markdown(word("report.compiler", locale))).append("\n\n");
            report.diagnostics().forEach(line -> md.append("- ").append(Inert.markdown(line)).append('\n'));
            md.append('\n');
        }
        list(md, word("report.layers", locale), checks, locale);
        list(md, word("report.tasks", locale), tasks, locale);
        list(md, word("report.optional", locale), optional, locale);
        return md.toString();
    }

    private static void list(StringBuilder md, String heading, List<Item> items, Locale locale) {
        if (items.isEmpty()) {
            return;
        }
        md.append("## ").append(Inert.markdown(heading)).append("\n\n");
        for (Item item : items) {
            md.append("- ").append(item.passed() ? "\u2713 " : item.skipped() ? "\u2013 " : "\u2717 ").append(Inert.markdown(item.name()))
                    .append(" \u2014 ").append(Inert.markdown(word(statusKey(item), locale)));
            if (!item.points().isEmpty()) {
                md.append(" \u2014 ").append(Inert.markdown(item.points()));
            }
            md.append(": ").append(Inert.markdown(item.message())).append('\n');
            for (String more : Arrays.asList(item.hint(), item.where())) {
                if (more != null) {
                    md.append("  - ").append(Inert.markdown(more)).append('\n');
                }
            }
        }
        md.append('\n');
    }

    private static String points(GradeReport report, Map<String, Double> points, String name) {
        return score(points.get(name)) + " / " + score(report.maxPoints(name));
    }

    private static String score(double value) {
        return value == Math.rint(value) ? String.format(Locale.ROOT, "%.0f", value) : String.format(Locale.ROOT, "%.1f", value);
    }

    private static String scientific(double value) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%.2e", value) : "-";
    }

    private static String word(String key, Locale locale, Object... args) {
        return Text.of(key, args).render(locale);
    }
}
