package io.cnnhomework.grader.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.opencsv.CSVReader;
import com.opencsv.exceptions.CsvException;
import io.cnnhomework.grader.Fixtures;
import io.cnnhomework.grader.Fixtures.Mutation;
import io.cnnhomework.grader.HeadlessChromium;
import io.cnnhomework.grader.batch.Gradebook;
import io.cnnhomework.grader.batch.GradebookRow;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The instructor's view of one batch, through the command line: the untouched template is
 * {@code not-attempted}, a disguised copy is found, the class dashboard is written, rewritten by
 * {@code --resume} and {@code merge}, and shows a hostile id and message as text in a real browser.
 */
class InstructorViewTest {

    /** A student id that is markup, as a folder name may be. */
    static final String HOSTILE_ID = "<img src=x onerror=document.body.dataset.pwned=1>";
    /** What the hostile submission's ReLU throws. */
    static final String HOSTILE_MESSAGE = "<script>document.body.dataset.pwned=2</script><b>bold</b>";

    /** The committed hidden (private) reference set. */
    private static final Path HIDDEN = Path.of("src/test/resources/hidden-reference");

    @TempDir
    static Path tmp;

    private static Path out;
    private static Map<String, GradebookRow> rows;
    private static String stdout;

    @BeforeAll
    static void gradeAClass() throws IOException {
        Path batch = Files.createDirectories(tmp.resolve("class"));
        Fixtures.copyTree(Fixtures.KNOWN_GOOD, batch.resolve("alice"));
        Fixtures.disguisedCopy(Fixtures.KNOWN_GOOD, batch.resolve("bob"));
        Fixtures.copyTree(Fixtures.INDEPENDENT, batch.resolve("carol"));
        Fixtures.copyTree(Fixtures.TEMPLATE, batch.resolve("dave/src/main/java"));
        Fixtures.knownBad().stream().filter(m -> m.name().equals("fc-grad-not-divided")).findFirst().orElseThrow()
                .materialise(batch.resolve("erin"));
        new Mutation("hostile-message", "ReLU throws markup", "homework/ReLU.java",
                List.of(Map.entry("positive = X.gt(0f);", "if (X.numel() > 0) { throw new IllegalStateException(\"" + HOSTILE_MESSAGE.replace("\"", "\\\"")
                        + "\"); }")), Set.of(), Set.of(), null, null, -1, false, null, null, false)
                .materialise(batch.resolve(HOSTILE_ID));
        out = tmp.resolve("graded");

        stdout = run("batch", "--submissions", batch.toString(), "--out", out.toString(), "--jobs", "2", "--timeout", "20",
                "--optional", "off", "--lang", "en", "--template", Fixtures.TEMPLATE.toString(), "--reference",
                Fixtures.referenceDir().toString());

        rows = Gradebook.read(out.resolve(Gradebook.FILE_NAME)).rows().stream()
                .collect(Collectors.toMap(GradebookRow::id, row -> row));
    }

    private static String run(String... args) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int status = GraderCli.run(List.of(args), new PrintStream(output, true, StandardCharsets.UTF_8),
                new PrintStream(errors, true, StandardCharsets.UTF_8));
        String text = output.toString(StandardCharsets.UTF_8);
        assertEquals(GraderCli.EXIT_PASSED, status, text + errors.toString(StandardCharsets.UTF_8));
        return text;
    }

    @Test
    void theUntouchedTemplateIsNotAttemptedAndEveryLostPointIsListed() {
        assertEquals("not-attempted", rows.get("dave").status().id());
        assertEquals("ok", rows.get("carol").status().id(), "the independent solution is correct");
        GradebookRow erin = rows.get("erin");
        assertEquals("failed", erin.status().id());
        assertEquals("fc_batch4 -0.8; task1 -20; task2 -20; task3 -20", erin.failed());
    }

    @Test
    void theDisguisedCopyIsFoundAndTheIndependentSolutionIsNot() throws IOException {
        assertEquals("alice", rows.get("bob").mostSimilarTo());
        assertTrue(rows.get("bob").maxSimilarity() >= 0.9, rows.get("bob").toString());
        assertTrue(rows.get("carol").maxSimilarity() < 0.35, rows.get("carol").toString());
        assertEquals(0.0, rows.get("dave").maxSimilarity());
        assertEquals("", rows.get("dave").mostSimilarTo());

        List<String[]> pairs = csv(out.resolve("similarity.csv"));
        assertEquals(List.of("first", "second", "similarity", "max_similarity", "matched_tokens"), List.of(pairs.get(0)));
        Set<Set<String>> listed = pairs.stream().skip(1).map(p -> Set.of(p[0], p[1])).collect(Collectors.toSet());
        assertTrue(listed.contains(Set.of("alice", "bob")), listed.toString());
        assertTrue(pairs.stream().skip(1).allMatch(p -> Double.parseDouble(p[2]) >= 0.5), "only pairs at or above the threshold");
        assertTrue(listed.stream().noneMatch(pair -> pair.contains("carol") || pair.contains("dave")), listed.toString());
        assertTrue(Files.size(out.resolve("jplag-report.zip")) > 0);
        assertTrue(stdout.contains("similarity: 6 submissions compared"), stdout);
    }

    @Test
    void theDashboardIsOneFileThatAsksNoOtherHost() throws IOException {
        String page = Files.readString(out.resolve("index.html"));

        assertFalse(page.contains("http://") || page.contains("https://") || page.contains("//cdn"), "no address of another host");
        assertTrue(page.contains("Content-Security-Policy\" content=\"default-src 'none'"), "the browser is told to load nothing");
        assertFalse(Pattern.compile("<(link|img|iframe|object|embed)\\b").matcher(page).find(), "nothing loaded from files either");
        assertTrue(page.contains("<svg"), "charts inline");
        assertFalse(page.contains(HOSTILE_ID), "the hostile id is escaped");
        assertFalse(page.contains(HOSTILE_MESSAGE), "the hostile message is escaped");
        assertTrue(page.contains("&lt;img src=x onerror=document.body.dataset.pwned=1&gt;"));
        for (String section : List.of("scores", "pass-rates", "hints", "optional", "similarity", "students")) {
            assertTrue(page.contains("<h2 id=\"" + section + "\">"), section);
        }
        assertTrue(page.contains("grad-not-divided"), "erin's mistake is among the frequent hints");
    }

    @Test
    void resumeRewritesTheDashboardWithoutGradingAgain() throws IOException {
        Path copy = tmp.resolve("resumed");
        Fixtures.copyTree(out, copy);
        Files.delete(copy.resolve("index.html"));

        String resumed = run("batch", "--submissions", tmp.resolve("class").toString(), "--out", copy.toString(), "--resume",
                "--lang", "en", "--optional", "off", "--template", Fixtures.TEMPLATE.toString(), "--reference",
                Fixtures.referenceDir().toString());

        assertTrue(resumed.startsWith("graded 0 submissions (6 kept from before)"), resumed);
        assertTrue(Files.readString(copy.resolve("index.html")).contains("alice"));
        assertEquals(rows.get("bob").maxSimilarity(), Gradebook.read(copy.resolve(Gradebook.FILE_NAME)).row("bob").orElseThrow()
                .maxSimilarity(), 1e-9, "compared again from the staged sources");
    }

    @Test
    void mergeComparesAcrossBatchesAndWritesTheDashboardBesideTheMergedGradebook() throws IOException {
        Path late = Files.createDirectories(tmp.resolve("late"));
        Fixtures.disguisedCopy(Fixtures.INDEPENDENT, late.resolve("frank"));
        Path lateOut = tmp.resolve("late-graded");
        run("batch", "--submissions", late.toString(), "--out", lateOut.toString(), "--jobs", "1", "--optional", "off", "--lang", "en",
                "--template", Fixtures.TEMPLATE.toString(), "--reference", Fixtures.referenceDir().toString());
        Path merged = tmp.resolve("merged/gradebook.csv");
        Files.createDirectories(merged.getParent());

        String output = run("merge", "--out", merged.toString(), "--template", Fixtures.TEMPLATE.toString(), out.toString(),
                lateOut.toString());

        GradebookRow frank = Gradebook.read(merged).row("frank").orElseThrow();
        assertEquals("carol", frank.mostSimilarTo(), output);
        assertTrue(frank.maxSimilarity() >= 0.9, frank.toString());
        String page = Files.readString(merged.resolveSibling("index.html"));
        assertTrue(page.contains("frank") && page.contains("alice"), "both batches in one dashboard");
        assertTrue(Files.isRegularFile(merged.resolveSibling("similarity.csv")));
    }

    @Test
    void inABrowserTheHostileIdAndMessageStayTextAndTheTableSorts() throws IOException {
        HeadlessChromium chromium = HeadlessChromium.require();
        Path page = out.resolve("index.html");

        String dom = chromium.dom(page, "sort=score&dir=asc", tmp.resolve("chromium-1"));

        assertTrue(dom.contains("data-ready=\"true\""), "the page's own script ran");
        assertFalse(dom.contains("data-pwned"), "no injected script or handler ran");
        assertFalse(Pattern.compile("<img|<script>document|<b>bold</b>").matcher(dom).find(), "no injected element exists");
        assertTrue(dom.contains("&lt;img src=x onerror=document.body.dataset.pwned=1&gt;"), "the id shows as text");
        assertTrue(dom.contains("&lt;script&gt;document.body.dataset.pwned=2&lt;/script&gt;"), "the message shows as text");
        List<String> ascending = rows.values().stream().sorted(Comparator.comparingDouble(GradebookRow::score).thenComparing(GradebookRow::id))
                .map(GradebookRow::id).toList();
        assertEquals(ascending, idsInOrder(dom, false));

        String filtered = chromium.dom(page, "q=" + "car" + "&sort=id&dir=desc", tmp.resolve("chromium-2"));

        assertEquals(List.of("carol"), idsInOrder(filtered, true));
        assertEquals("erin", idsInOrder(filtered, false).get(0), "sorted by id, descending");
    }

    @Test
    void everyStudentHasAFeedbackPageAndCommentTheDashboardLinksTo() throws IOException {
        String dashboard = Files.readString(out.resolve("index.html"));
        for (String id : rows.keySet()) {
            Path dir = out.resolve("submissions").resolve(id);
            assertTrue(Files.size(dir.resolve("feedback.html")) > 0 && Files.size(dir.resolve("feedback.md")) > 0, id);
        }
        assertTrue(dashboard.contains("<a href=\"submissions/erin/feedback.html\">erin</a>"), "linked from the table");
        assertTrue(dashboard.contains("href=\"submissions/%3Cimg%20src=x%20onerror=document.body.dataset.pwned=1%3E/feedback.html\""),
                "a hostile id is a percent-encoded link");
        String erin = Files.readString(out.resolve("submissions/erin/feedback.html"));
        assertTrue(erin.contains("39.2 / 100") && erin.contains("hint: grad_weight is exactly m = 4"), "the batch's language and hints");
    }

    @Test
    void aBatchAgainstAHiddenSetHandsStudentsNoneOfItsExpectedValues() throws IOException {
        Path batch = Files.createDirectories(tmp.resolve("hidden-class"));
        Fixtures.knownBad().stream().filter(m -> m.name().equals("fc-grad-not-divided")).findFirst().orElseThrow()
                .materialise(batch.resolve("erin"));
        Path graded = tmp.resolve("hidden-graded");

        run("batch", "--submissions", batch.toString(), "--out", graded.toString(), "--jobs", "1", "--optional", "off", "--lang", "en",
                "--similarity", "off", "--reference", HIDDEN.toString());

        JsonNode staff = new ObjectMapper().readTree(graded.resolve("staff/submissions/erin/report.json").toFile());
        List<String> expected = new ArrayList<>();
        staff.get("tasks").forEach(task -> task.get("expected").forEach(loss -> expected.add(String.format(Locale.ROOT, "%.6f",
                loss.asDouble()))));
        String student = Files.readString(graded.resolve("submissions/erin/feedback.html"))
                + Files.readString(graded.resolve("submissions/erin/feedback.md"));
        assertFalse(expected.isEmpty());
        for (String loss : expected) {
            assertFalse(student.contains(loss), loss + " of the hidden set reached the student's feedback");
        }
        assertTrue(student.contains("epoch 1 differs first, by 0.045: got 0.076384"), student);
    }

    @Test
    void inABrowserTheFeedbackPageShowsTheHostileMessageAsText() throws IOException {
        HeadlessChromium chromium = HeadlessChromium.require();

        String dom = chromium.dom(out.resolve("submissions").resolve(HOSTILE_ID).resolve("feedback.html"), "", tmp.resolve("chromium-3"));

        assertFalse(dom.contains("data-pwned"), "no injected script or handler ran");
        assertFalse(Pattern.compile("<script>document|<b>bold</b>").matcher(dom).find(), "no injected element exists");
        assertTrue(dom.contains("&lt;script&gt;document.body.dataset.pwned=2&lt;/script&gt;&lt;b&gt;bold&lt;/b&gt;"), "the message shows as text");
        assertTrue(dom.contains("Homework feedback: &lt;img src=x onerror=document.body.dataset.pwned=1&gt;"), "the id shows as text");
    }

    /** The students' ids in the table's order as the DOM has it; {@code visibleOnly} leaves out the rows the filter hid. */
    private static List<String> idsInOrder(String dom, boolean visibleOnly) {
        Matcher row = Pattern.compile("<tr ([^>]*)><td class=\"id\" data-sort=\"([^\"]*)\">").matcher(dom);
        List<String> ids = new ArrayList<>();
        while (row.find()) {
            if (!visibleOnly || !row.group(1).contains("hidden")) {
                ids.add(row.group(2).replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&").replace("&quot;", "\""));
            }
        }
        return ids;
    }

    private static List<String[]> csv(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8); CSVReader csv = new CSVReader(reader)) {
            return csv.readAll();
        } catch (CsvException e) {
            throw new IOException(e);
        }
    }
}
