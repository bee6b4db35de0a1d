package io.cnnhomework.grader.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cnnhomework.grader.batch.ClassSimilarity;
import io.cnnhomework.grader.batch.GradebookRow;
import io.cnnhomework.grader.batch.SubmissionStatus;
import io.cnnhomework.grader.grading.OptionalTask;
import io.cnnhomework.grader.messages.Text;
import io.cnnhomework.grader.report.AtomicFiles;
import io.cnnhomework.grader.report.Feedback;
import io.cnnhomework.grader.report.HtmlPage;
import io.cnnhomework.grader.report.Inert;
import io.cnnhomework.grader.similarity.Similarity.Pair;
import io.cnnhomework.grader.similarity.SimilaritySummary;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The class dashboard, {@code index.html} beside a batch's gradebook: one self-contained page
 * (styles, script, data and inline SVG charts inside it; no request to any other host; it works
 * opened from disk) with the score distribution, the pass rate of every layer check and task
 * across the class, the most frequent hints, the optional task's accuracies, the similarity of
 * the submissions, and a table of the students to sort and filter, each linking to their feedback
 * page.
 *
 * <p>It is made from files only: the gradebook's rows, each submission's {@code report.json} and
 * the similarity summary, so {@code --resume} and {@code merge} rebuild it without grading again.
 * Every string a submission chose (its id, its messages) is escaped; the page's script only moves
 * and hides the rows it was written with.
 */
public final class ClassDashboard {

    /** The dashboard's file name beside the gradebook. */
    public static final String FILE_NAME = "index.html";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Statuses of submissions whose code ran: the pass rates are taken over these. */
    private static final Set<SubmissionStatus> RAN = Set.of(SubmissionStatus.OK, SubmissionStatus.FAILED, SubmissionStatus.TIMEOUT,
            SubmissionStatus.MEMORY, SubmissionStatus.CRASHED);

    /**
     * One student: the gradebook's row and the directory of their reports.
     *
     * @param row the gradebook's row
     * @param directory {@code submissions/<id>} of the batch that graded it: {@code report.json}
     *     and the feedback page
     */
    public record Student(GradebookRow row, Path directory) {
    }

    /** A student with their report read. */
    private record Graded(GradebookRow row, JsonNode report, String href) {
    }

    private ClassDashboard() {
    }

    /**
     * Writes the dashboard of one batch's output directory.
     *
     * @param out the batch's output: {@code submissions/<id>/report.json}, the similarity summary
     * @param rows the gradebook's rows
     * @param locale the batch's language
     * @return the dashboard's file
     * @throws IOException if a report cannot be read or the page not written
     */
    public static Path write(Path out, List<GradebookRow> rows, Locale locale) throws IOException {
        List<Student> students = rows.stream().map(row -> new Student(row, out.resolve("submissions").resolve(row.id()))).toList();
        return write(out.resolve(FILE_NAME), students, SimilaritySummary.read(ClassSimilarity.summary(out)).orElse(null), locale);
    }

    /**
     * Writes a dashboard.
     *
     * @param file the page to write
     * @param students every student, in the order of the table before it is sorted
     * @param similarity the similarity summary, or {@code null} when there is none
     * @param locale the language of the page
     * @return the page's file
     * @throws IOException if a report cannot be read or the page not written
     */
    public static Path write(Path file, List<Student> students, SimilaritySummary similarity, Locale locale) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        List<Graded> graded = new ArrayList<>();
        for (Student student : students) {
            Path report = student.directory().resolve("report.json");
            JsonNode json = null;
            if (Files.isRegularFile(report)) {
                try {
                    json = JSON.readTree(report.toFile());
                } catch (IOException e) {
                    throw new IOException(report + ": not a readable report: " + e.getMessage(), e);
                }
            }
            Path feedback = student.directory().resolve(Feedback.HTML);
            graded.add(new Graded(student.row(), json, Files.isRegularFile(feedback) ? href(dir, feedback.toAbsolutePath()) : null));
        }
        String html = HtmlPage.render(locale, word("report.dashboard.title", locale), resource("dashboard.css"),
                body(graded, similarity, locale), resource("dashboard.js"));
        AtomicFiles.write(file, stream -> stream.write(html.getBytes(StandardCharsets.UTF_8)));
        return file;
    }

    private static String body(List<Graded> students, SimilaritySummary similarity, Locale locale) {
        StringBuilder html = new StringBuilder();
        html.append("<h1>").append(esc(word("report.dashboard.title", locale))).append("</h1>\n");
        overview(html, students, locale);
        scores(html, students, locale);
        passRates(html, students, locale);
        hints(html, students, locale);
        optional(html, students, locale);
        similarity(html, students, similarity, locale);
        table(html, students, similarity, locale);
        return html.toString();
    }

    private static void overview(StringBuilder html, List<Graded> students, Locale locale) {
        Map<String, Long> statuses = students.stream()
                .collect(Collectors.groupingBy(s -> s.row().status().id(), TreeMap::new, Collectors.counting()));
        double[] scores = finished(students).mapToDouble(s -> s.row().score()).sorted().toArray();
        html.append("<div class=\"cards\">");
        card(html, word("report.dashboard.submissions", locale), Integer.toString(students.size()));
        if (scores.length > 0) {
            card(html, word("report.dashboard.mean", locale), number(Arrays.stream(scores).average().orElse(0)));
            card(html, word("report.dashboard.median", locale), number(median(scores)));
        }
        statuses.forEach((status, count) -> card(html, status, Long.toString(count)));
        html.append("</div>\n");
    }

    private static void card(StringBuilder html, String label, String value) {
        html.append("<div class=\"card\"><b>").append(esc(value)).append("</b>").append(esc(label)).append("</div>");
    }

    private static void scores(StringBuilder html, List<Graded> students, Locale locale) {
        html.append("<h2 id=\"scores\">").append(esc(word("report.dashboard.scores", locale))).append("</h2>\n");
        int[] bins = new int[10];
        finished(students).forEach(s -> bins[Math.min(9, (int) (s.row().score() / 10))]++);
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            labels.add(i * 10 + "–" + (i == 9 ? 100 : i * 10 + 10));
        }
        html.append(Svg.histogram(bins, labels, word("report.dashboard.scores", locale), Double.NaN, "")).append('\n');
    }

    /** Each check and task: of the submissions whose code ran, how many passed it; which layer did the class get wrong? */
    private static void passRates(StringBuilder html, List<Graded> students, Locale locale) {
        html.append("<h2 id=\"pass-rates\">").append(esc(word("report.dashboard.pass-rates", locale))).append("</h2>\n");
        List<Graded> ran = students.stream().filter(s -> RAN.contains(s.row().status()) && s.report() != null).toList();
        html.append("<p class=\"note\">").append(esc(word("report.dashboard.pass-rates.note", locale, ran.size()))).append("</p>\n");
        if (ran.isEmpty()) {
            return;
        }
        Map<String, int[]> counts = new LinkedHashMap<>();
        Map<String, String> labels = new LinkedHashMap<>();
        Map<String, String> groups = new LinkedHashMap<>();
        for (Graded student : ran) {
            for (JsonNode check : student.report().path("checks")) {
                String name = check.path("name").asText();
                labels.putIfAbsent(name, check.path("layer").asText() + " \u00b7 " + name);
                groups.putIfAbsent(name, check.path("optional").asBoolean() ? "optional" : "check");
                count(counts, name, check.path("passed").asBoolean());
            }
        }
        for (Graded student : ran) {
            for (JsonNode task : student.report().path("tasks")) {
                String id = task.path("id").asText();
                labels.putIfAbsent(id, id);
                groups.putIfAbsent(id, "task");
                count(counts, id, task.path("passed").asBoolean());
            }
        }
        List<Svg.Bar> bars = new ArrayList<>();
        for (String group : List.of("check", "task", "optional")) {
            counts.forEach((name, passed) -> {
                if (groups.get(name).equals(group)) {
                    double rate = (double) passed[0] / passed[1];
                    bars.add(new Svg.Bar(labels.get(name), rate, word("report.dashboard.passed-of", locale, passed[0], passed[1],
                            Math.round(rate * 100)), group));
                }
            });
        }
        html.append(Svg.bars(bars, word("report.dashboard.pass-rates", locale))).append('\n');
    }

    private static void count(Map<String, int[]> counts, String name, boolean passed) {
        int[] count = counts.computeIfAbsent(name, n -> new int[2]);
        count[0] += passed ? 1 : 0;
        count[1]++;
    }

    /** The recognised mistakes, by how many students made them, with the checks they showed in. */
    private static void hints(StringBuilder html, List<Graded> students, Locale locale) {
        html.append("<h2 id=\"hints\">").append(esc(word("report.dashboard.hints", locale))).append("</h2>\n");
        Map<String, Set<String>> who = new LinkedHashMap<>();
        Map<String, Set<String>> where = new LinkedHashMap<>();
        Map<String, String> example = new LinkedHashMap<>();
        for (Graded student : students) {
            if (student.report() == null) {
                continue;
            }
            for (JsonNode check : student.report().path("checks")) {
                if (check.hasNonNull("hint_id")) {
                    String id = check.path("hint_id").asText();
                    who.computeIfAbsent(id, k -> new LinkedHashSet<>()).add(student.row().id());
                    where.computeIfAbsent(id, k -> new LinkedHashSet<>()).add(check.path("name").asText());
                    example.putIfAbsent(id, check.path("hint").asText());
                }
            }
        }
        if (who.isEmpty()) {
            html.append("<p class=\"note\">").append(esc(word("report.dashboard.hints.none", locale))).append("</p>\n");
            return;
        }
        html.append("<table class=\"hints\"><thead><tr><th class=\"num\">").append(esc(word("report.dashboard.hints.students", locale)))
                .append("</th><th>").append(esc(word("report.dashboard.hints.hint", locale))).append("</th><th>")
                .append(esc(word("report.dashboard.hints.checks", locale))).append("</th></tr></thead><tbody>\n");
        who.entrySet().stream().sorted((a, b) -> b.getValue().size() - a.getValue().size()).limit(15).forEach(entry -> {
            String id = entry.getKey();
            html.append("<tr><td class=\"num\">").append(entry.getValue().size()).append("</td><td><code>").append(esc(id))
                    .append("</code> ").append(esc(example.get(id))).append("</td><td>")
                    .append(esc(String.join(", ", where.get(id)))).append("</td></tr>\n");
        });
        html.append("</tbody></table>\n");
    }

    private static void optional(StringBuilder html, List<Graded> students, Locale locale) {
        html.append("<h2 id=\"optional\">").append(esc(word("report.dashboard.optional", locale))).append("</h2>\n");
        List<GradebookRow> graded = students.stream().map(Graded::row).filter(row -> !row.optional().isEmpty()).toList();
        if (graded.isEmpty()) {
            html.append("<p class=\"note\">").append(esc(word("report.dashboard.optional.none", locale))).append("</p>\n");
            return;
        }
        List<GradebookRow> trained = graded.stream().filter(row -> !row.optional().equals("not-attempted")).toList();
        long passed = graded.stream().filter(row -> row.optional().equals("passed")).count();
        html.append("<p>").append(esc(word("report.dashboard.optional.summary", locale, trained.size(), passed,
                OptionalTask.percent(OptionalTask.PASS_ACCURACY), graded.size() - trained.size()))).append("</p>\n");
        int[] bins = new int[10];
        trained.stream().filter(row -> !Double.isNaN(row.optionalAccuracy()))
                .forEach(row -> bins[Math.min(9, (int) (row.optionalAccuracy() * 10))]++);
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            labels.add(i * 10 + "–" + (i * 10 + 10) + " %");
        }
        html.append(Svg.histogram(bins, labels, word("report.dashboard.optional", locale), OptionalTask.PASS_ACCURACY,
                OptionalTask.percent(OptionalTask.PASS_ACCURACY))).append('\n');
    }

    private static void similarity(StringBuilder html, List<Graded> students, SimilaritySummary summary, Locale locale) {
        html.append("<h2 id=\"similarity\">").append(esc(word("report.dashboard.similarity", locale))).append("</h2>\n");
        if (summary == null) {
            html.append("<p class=\"note\">").append(esc(word("report.dashboard.similarity.none", locale))).append("</p>\n");
            return;
        }
        long flagged = students.stream().filter(s -> s.row().maxSimilarity() >= summary.threshold()).count();
        html.append("<p>").append(esc(word("report.dashboard.similarity.summary", locale, summary.compared(), summary.pairs(),
                number(summary.seconds()), flagged, fraction(summary.threshold())))).append("</p>\n");
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < SimilaritySummary.BINS; i++) {
            labels.add(i % 2 == 0 ? fraction((double) i / SimilaritySummary.BINS) : "");
        }
        html.append(Svg.histogram(summary.histogram(), labels, word("report.dashboard.similarity", locale), summary.threshold(),
                fraction(summary.threshold()))).append('\n');
        Map<String, String> links = new LinkedHashMap<>();
        students.forEach(s -> links.put(s.row().id(), s.href()));
        List<Pair> top = summary.top().stream().filter(pair -> pair.similarity() > 0).toList();
        if (!top.isEmpty()) {
            html.append("<table class=\"pairs\"><thead><tr><th class=\"num\">")
                    .append(esc(word("report.dashboard.similarity.column", locale))).append("</th><th class=\"num\">")
                    .append(esc(word("report.dashboard.similarity.max-column", locale))).append("</th><th>")
                    .append(esc(word("report.dashboard.similarity.pair", locale))).append("</th></tr></thead><tbody>\n");
            for (Pair pair : top) {
                html.append("<tr><td class=\"num").append(pair.similarity() >= summary.threshold() ? " flag" : "").append("\">")
                        .append(fraction(pair.similarity())).append("</td><td class=\"num\">").append(fraction(pair.maxSimilarity()))
                        .append("</td><td>");
                link(html, pair.first(), links.get(pair.first()));
                html.append(" \u2194 ");
                link(html, pair.second(), links.get(pair.second()));
                html.append("</td></tr>\n");
            }
            html.append("</tbody></table>\n");
        }
        if (!summary.notCompared().isEmpty()) {
            html.append("<p class=\"note\">").append(esc(word("report.dashboard.similarity.not-compared", locale))).append("</p><ul>");
            summary.notCompared().forEach((id, reason) -> html.append("<li>").append(esc(id)).append(": ").append(esc(reason)).append("</li>"));
            html.append("</ul>\n");
        }
    }

    private static void table(StringBuilder html, List<Graded> students, SimilaritySummary similarity, Locale locale) {
        html.append("<h2 id=\"students\">").append(esc(word("report.dashboard.students", locale))).append("</h2>\n");
        html.append("<div class=\"controls\"><label>").append(esc(word("report.dashboard.filter", locale)))
                .append(" <input id=\"filter\" type=\"search\" autocomplete=\"off\"></label><label><select id=\"status-filter\"><option value=\"\">")
                .append(esc(word("report.dashboard.all-statuses", locale))).append("</option>");
        students.stream().map(s -> s.row().status().id()).distinct().sorted()
                .forEach(status -> html.append("<option>").append(esc(status)).append("</option>"));
        html.append("</select></label><span>").append(esc(word("report.dashboard.shown", locale))).append(": <b id=\"shown\">")
                .append(students.size()).append("</b> / ").append(students.size()).append("</span></div>\n");
        int tasks = students.stream().mapToInt(s -> s.row().taskScores().length).max().orElse(3);
        html.append("<table id=\"student-table\"><thead><tr>");
        head(html, "id", word("report.dashboard.column.id", locale), false);
        head(html, "status", word("report.dashboard.column.status", locale), false);
        head(html, "score", word("report.dashboard.column.score", locale), true);
        for (int task = 1; task <= tasks; task++) {
            head(html, "task" + task, "task" + task, true);
        }
        head(html, "checks", word("report.dashboard.column.checks", locale), true);
        head(html, "optional", word("report.dashboard.column.optional", locale), true);
        head(html, "similarity", word("report.dashboard.column.similarity", locale), true);
        head(html, "seconds", word("report.dashboard.column.seconds", locale), true);
        head(html, "failed", word("report.dashboard.column.failed", locale), false);
        html.append("</tr></thead>\n<tbody>\n");
        double threshold = similarity == null ? Double.NaN : similarity.threshold();
        for (Graded student : students) {
            row(html, student, tasks, threshold, locale);
        }
        html.append("</tbody></table>\n");
    }

    private static void head(StringBuilder html, String key, String label, boolean numeric) {
        html.append("<th data-key=\"").append(key).append("\"").append(numeric ? " data-type=\"number\" class=\"num\"" : "")
                .append("><button type=\"button\">").append(esc(label)).append("</button></th>");
    }

    private static void row(StringBuilder html, Graded student, int tasks, double threshold, Locale locale) {
        GradebookRow row = student.row();
        String status = row.status().id();
        html.append("<tr data-status=\"").append(esc(status)).append("\" data-search=\"")
                .append(esc((row.id() + " " + status + " " + row.failed()).toLowerCase(Locale.ROOT))).append("\">");
        html.append("<td class=\"id\" data-sort=\"").append(esc(row.id())).append("\">");
        link(html, row.id(), student.href());
        html.append("</td><td data-sort=\"").append(esc(status)).append("\"><span class=\"status ").append(esc(status)).append("\">")
                .append(esc(status)).append("</span></td>");
        boolean finished = row.finished();
        numberCell(html, finished ? row.score() : Double.NaN, finished ? number(row.score()) : "");
        for (int task = 0; task < tasks; task++) {
            if (!finished || task >= row.taskScores().length) {
                html.append("<td class=\"num\" data-sort=\"\"></td>");
                continue;
            }
            double points = row.taskScores()[task];
            boolean passed = points > 0;
            html.append("<td class=\"num ").append(passed ? "pass" : "fail").append("\" data-sort=\"").append(number(points)).append("\">")
                    .append(passed ? "\u2713 " : "\u2717 ").append(number(points)).append("</td>");
        }
        numberCell(html, finished ? row.checksPassed() : Double.NaN, finished ? row.checksPassed() + "/" + row.checks() : "");
        String optional = row.optional().isEmpty() ? ""
                : row.optional() + (Double.isNaN(row.optionalAccuracy()) ? "" : " " + OptionalTask.percent(row.optionalAccuracy()));
        numberCell(html, row.optionalAccuracy(), optional);
        html.append("<td class=\"num").append(row.maxSimilarity() >= threshold ? " flag" : "").append("\" data-sort=\"")
                .append(Double.isNaN(row.maxSimilarity()) ? "" : fraction(row.maxSimilarity())).append("\">");
        if (!Double.isNaN(row.maxSimilarity())) {
            html.append(fraction(row.maxSimilarity()));
            if (!row.mostSimilarTo().isEmpty()) {
                html.append(" \u2192 ").append(esc(row.mostSimilarTo()));
            }
        }
        html.append("</td>");
        numberCell(html, finished ? row.seconds() : Double.NaN, finished ? number(row.seconds()) : "");
        // an untouched template failed everything; the list would say nothing the status does not
        boolean explained = row.status() == SubmissionStatus.NOT_ATTEMPTED;
        String detail = explained ? "" : row.detail().length() > 200 ? row.detail().substring(0, 200) + "\u2026" : row.detail();
        html.append("<td class=\"detail\" title=\"").append(esc(row.detail())).append("\">").append(explained ? "" : esc(row.failed()));
        if (!detail.isEmpty()) {
            html.append("<br>").append(esc(detail));
        }
        html.append("</td></tr>\n");
    }

    private static void numberCell(StringBuilder html, double sortKey, String text) {
        html.append("<td class=\"num\" data-sort=\"").append(Double.isNaN(sortKey) ? "" : Double.toString(sortKey)).append("\">")
                .append(esc(text)).append("</td>");
    }

    private static void link(StringBuilder html, String text, String href) {
        if (href == null) {
            html.append(esc(text));
        } else {
            html.append("<a href=\"").append(esc(href)).append("\">").append(esc(text)).append("</a>");
        }
    }

    /** A relative link from the dashboard's directory, every path segment percent-encoded (ids may hold {@code #}, {@code ?}, spaces). */
    static String href(Path from, Path to) {
        Path relative = from.relativize(to);
        List<String> segments = new ArrayList<>();
        for (Path segment : relative) {
            try {
                segments.add(new URI(null, null, segment.toString(), null).getRawPath().replace(":", "%3A"));
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("cannot link to " + to, e);
            }
        }
        return String.join("/", segments);
    }

    private static java.util.stream.Stream<Graded> finished(List<Graded> students) {
        return students.stream().filter(s -> s.row().finished());
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static String number(double value) {
        return value == Math.rint(value) ? String.format(Locale.ROOT, "%.0f", value) : String.format(Locale.ROOT, "%.1f", value);
    }

    private static String fraction(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    private static String esc(String text) {
        return Inert.html(text);
    }

    private static String word(String key, Locale locale, Object... args) {
        return Text.of(key, args).render(locale);
    }

    private static String resource(String name) {
        try (InputStream in = ClassDashboard.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource " + name + " is missing beside " + ClassDashboard.class.getName());
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
