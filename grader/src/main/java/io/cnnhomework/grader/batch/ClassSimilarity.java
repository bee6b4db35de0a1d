package io.cnnhomework.grader.batch;

import com.opencsv.CSVWriter;
import io.cnnhomework.grader.batch.Submissions.Submission;
import io.cnnhomework.grader.report.AtomicFiles;
import io.cnnhomework.grader.similarity.Similarity;
import io.cnnhomework.grader.similarity.Similarity.Pair;
import io.cnnhomework.grader.similarity.SimilaritySummary;
import io.cnnhomework.grader.submission.SourceFiles;
import io.cnnhomework.grader.submission.TemplateStubs;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The batch's similarity step: before the first submission is graded, each one's homework sources
 * are staged as UTF-8 copies under {@code similarity/sources/<id>/}; then every pair is compared
 * ({@link Similarity}) beside the trainings, and the batch's output gets {@value #CSV} (every pair
 * at or above the threshold), JPlag's own {@value #JPLAG_REPORT} for its viewer, the dashboard's
 * {@code similarity/summary.json}, and the gradebook's {@code max_similarity} and
 * {@code most_similar_to}. The staged copies stay, so that {@code --resume} and {@code merge} can
 * compare again without the submissions.
 */
public final class ClassSimilarity {

    /** The staged sources and the dashboard's summary, in a batch's output. */
    public static final String DIR = "similarity";
    /** Every pair at or above the threshold, in a batch's output. */
    public static final String CSV = "similarity.csv";
    /** JPlag's report for its viewer, in a batch's output. */
    public static final String JPLAG_REPORT = "jplag-report.zip";
    /** The dashboard's summary, in {@link #DIR}. */
    public static final String SUMMARY = "summary.json";

    private ClassSimilarity() {
    }

    /**
     * @param out a batch's output directory
     * @return where its submissions' sources are staged, one directory per id
     */
    public static Path sources(Path out) {
        return out.resolve(DIR).resolve("sources");
    }

    /**
     * @param out a batch's (or a merge's) output directory
     * @return the dashboard's similarity summary in it
     */
    public static Path summary(Path out) {
        return out.resolve(DIR).resolve(SUMMARY);
    }

    /**
     * Replaces a submission's staged copy.
     *
     * @param out the batch's output directory
     * @param id the student id
     * @param submission the submission's sources
     * @throws IOException if they cannot be copied
     */
    private static void stage(Path out, String id, Path submission) throws IOException {
        Path copy = sources(out).resolve(id);
        AtomicFiles.deleteTree(copy);
        SourceFiles.copyHomework(submission, copy);
    }

    /**
     * Stages every submission of a run before any is graded, so that the comparison runs beside
     * the trainings instead of after the last one: a folder is copied, an archive unpacked into a
     * scratch folder first (its grading unpacks it again, for itself). One that cannot be staged,
     * an unreadable archive above all (its grading reports it), is left out of the comparison, and
     * a copy an earlier run staged for it is removed.
     *
     * @param out the batch's output directory
     * @param submissions the submissions this run grades
     * @return the ids that could not be staged, with the reason
     * @throws IOException if the scratch folder cannot be cleared
     * @throws InterruptedException if the batch stops meanwhile
     */
    static Map<String, String> stageAll(Path out, List<Submission> submissions) throws IOException, InterruptedException {
        Map<String, String> notStaged = new TreeMap<>();
        Path scratch = out.resolve(DIR).resolve("unpacking");
        for (Submission submission : submissions) {
            if (Thread.interrupted()) {
                throw new InterruptedException("the batch stopped while its submissions were staged for comparison");
            }
            try {
                if (submission.isArchive()) {
                    AtomicFiles.deleteTree(scratch);
                    SubmissionArchive.unpack(submission.source(), scratch);
                    stage(out, submission.id(), scratch);
                } else {
                    stage(out, submission.id(), submission.source());
                }
            } catch (IOException | UncheckedIOException e) {
                AtomicFiles.deleteTree(sources(out).resolve(submission.id()));
                notStaged.put(submission.id(), String.valueOf(e.getMessage()));
            }
        }
        AtomicFiles.deleteTree(scratch);
        return notStaged;
    }

    /**
     * Compares every staged submission, writes the results and gives the gradebook's rows their
     * nearest submission.
     *
     * @param sources the staged copies, one directory per id
     * @param stubs the template's stubs: the base code
     * @param threshold the least similarity listed
     * @param out where {@value #CSV}, {@value #JPLAG_REPORT} and the summary go
     * @param gradebook its rows get their nearest submission
     * @return what was found
     * @throws IOException if the comparison or a file fails
     */
    public static Similarity.Result compare(Path sources, TemplateStubs stubs, double threshold, Path out, Gradebook gradebook)
            throws IOException {
        Similarity.Result result = compare(sources, stubs, threshold, out);
        markNearest(result, gradebook);
        return result;
    }

    /**
     * Compares every staged submission and writes {@value #CSV}, {@value #JPLAG_REPORT} and the
     * summary; the gradebook is left to {@link #markNearest}, so that a batch can compare while its
     * submissions still train.
     *
     * @param sources the staged copies, one directory per id
     * @param stubs the template's stubs: the base code
     * @param threshold the least similarity listed
     * @param out where the files go
     * @return what was found
     * @throws IOException if the comparison or a file fails
     */
    static Similarity.Result compare(Path sources, TemplateStubs stubs, double threshold, Path out) throws IOException {
        Path base = out.resolve(DIR).resolve("base");
        AtomicFiles.deleteTree(base);
        stubs.copyTo(base);
        Similarity.Result result;
        try {
            result = Similarity.compare(sources, base, threshold, out.resolve(JPLAG_REPORT));
        } finally {
            AtomicFiles.deleteTree(base);
        }
        writeCsv(result.above(threshold), out.resolve(CSV));
        SimilaritySummary.of(result, threshold).write(summary(out));
        return result;
    }

    /**
     * Gives every row of the gradebook its most similar other submission.
     *
     * @param result the comparison
     * @param gradebook its rows get {@code max_similarity} and {@code most_similar_to}
     * @throws IOException if the gradebook cannot be written
     */
    static void markNearest(Similarity.Result result, Gradebook gradebook) throws IOException {
        Map<String, Pair> nearest = result.nearest();
        List<GradebookRow> rows = new ArrayList<>();
        for (GradebookRow row : gradebook.rows()) {
            Pair pair = nearest.get(row.id());
            // a submission that shares nothing with any other (the untouched template) has no nearest one
            rows.add(pair == null ? row.withSimilarity(Double.NaN, "")
                    : row.withSimilarity(pair.similarity(), pair.similarity() > 0 ? pair.other(row.id()) : ""));
        }
        gradebook.putAll(rows);
    }

    /** {@code first,second,similarity,max_similarity,matched_tokens}, most similar first. */
    private static void writeCsv(List<Pair> pairs, Path file) throws IOException {
        List<String[]> lines = new ArrayList<>();
        lines.add(new String[] {"first", "second", "similarity", "max_similarity", "matched_tokens"});
        for (Pair pair : pairs) {
            lines.add(new String[] {GradebookRow.spreadsheetSafe(pair.first()), GradebookRow.spreadsheetSafe(pair.second()),
                String.format(Locale.ROOT, "%.3f", pair.similarity()), String.format(Locale.ROOT, "%.3f", pair.maxSimilarity()),
                Integer.toString(pair.matchedTokens())});
        }
        AtomicFiles.write(file, stream -> {
            CSVWriter csv = new CSVWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8));
            csv.writeAll(lines);
            csv.flush();
        });
    }
}
