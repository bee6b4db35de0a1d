package io.cnnhomework.grader.similarity;

import de.jplag.JPlag;
import de.jplag.JPlagComparison;
import de.jplag.JPlagResult;
import de.jplag.ParsingException;
import de.jplag.Submission;
import de.jplag.clustering.ClusteringOptions;
import de.jplag.exceptions.BasecodeException;
import de.jplag.exceptions.ExitException;
import de.jplag.exceptions.SubmissionException;
import de.jplag.options.JPlagOptions;
import de.jplag.reporting.reportobject.ReportObjectFactory;
import io.cnnhomework.grader.report.AtomicFiles;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Compares every pair of a batch's submissions with JPlag (its Java language module: tokens of
 * the parsed code, so renamed identifiers, removed comments and moved whitespace change nothing),
 * with the template's stubs as base code, so that the handout's own text does not count.
 *
 * <p>Measured with the known-good submission: a copy with its comments removed and its local
 * variables renamed scores 0.97; an independently written correct solution 0.1–0.3 (the class
 * headers, fields and signatures the contract fixes still match). The similarity of a pair is
 * JPlag's average similarity, 2 · matched tokens / (tokens of both, less their base code).
 *
 * <p>JPlag parses, it does not compile: a submission that does not compile is compared as long as
 * it parses; one with a syntax error, or without a homework class, is left out with the reason.
 */
public final class Similarity {

    /** Pairs at or above this similarity are listed unless the instructor picks another threshold. */
    public static final double DEFAULT_THRESHOLD = 0.5;

    /** Fewest pairs JPlag's report keeps, even when fewer reach the threshold: its viewer's default. */
    static final int REPORT_PAIRS = 100;

    /**
     * Most pairs JPlag's report keeps, however many reach the threshold. The report costs about a
     * millisecond per pair and grows with the square of a class's copying (a batch of 100 copies
     * of one solution: 4,950 pairs, 4.6 MB, about 4 s of processor time); a batch's
     * {@code similarity.csv} and the dashboard list every pair at or above the threshold.
     */
    static final int REPORT_MOST = 500;

    /**
     * One pair of submissions.
     *
     * @param first one submission's id
     * @param second the other's, after {@code first} by id
     * @param similarity JPlag's average similarity, 0 to 1
     * @param maxSimilarity the larger of the two one-sided similarities (how much of the smaller
     *     submission the other covers), 0 to 1
     * @param matchedTokens tokens in matches of at least JPlag's minimum length
     */
    public record Pair(String first, String second, double similarity, double maxSimilarity, int matchedTokens) {

        /**
         * @param id one of the pair
         * @return the other one
         */
        public String other(String id) {
            return id.equals(first) ? second : first;
        }
    }

    /**
     * What the comparison found.
     *
     * @param pairs every pair of compared submissions, most similar first
     * @param compared the ids that were compared
     * @param skipped ids left out, with the reason (a syntax error, no homework class)
     * @param seconds wall time of the comparison and the report
     */
    public record Result(List<Pair> pairs, Set<String> compared, Map<String, String> skipped, double seconds) {

        /** Defensive copies: a result is a value. */
        public Result {
            pairs = List.copyOf(pairs);
            compared = Set.copyOf(compared);
            skipped = Map.copyOf(skipped);
        }

        /**
         * @param threshold the least similarity
         * @return the pairs at or above it, most similar first
         */
        public List<Pair> above(double threshold) {
            return pairs.stream().filter(pair -> pair.similarity() >= threshold).toList();
        }

        /** @return for each compared submission, the pair with its most similar other one */
        public Map<String, Pair> nearest() {
            Map<String, Pair> nearest = new LinkedHashMap<>();
            for (Pair pair : pairs) {
                nearest.putIfAbsent(pair.first(), pair);
                nearest.putIfAbsent(pair.second(), pair);
            }
            return nearest;
        }
    }

    private Similarity() {
    }

    /**
     * Compares the submissions.
     *
     * @param sources the staged copies: one directory per submission, named by its id
     * @param baseCode the template's stubs, or {@code null} to compare without base code
     * @param threshold pairs at or above it go into JPlag's report (at least its {@value #REPORT_PAIRS} most similar,
     *     at most its {@value #REPORT_MOST} most similar)
     * @param report JPlag's report for its viewer, a {@code .zip}; {@code null} for none
     * @return every pair's similarity
     * @throws IOException if the base code cannot be parsed or the report not written
     */
    public static Result compare(Path sources, Path baseCode, double threshold, Path report) throws IOException {
        return compare(sources, baseCode, threshold, report, REPORT_MOST);
    }

    /**
     * {@link #compare(Path, Path, double, Path)} with another limit on the pairs in JPlag's report.
     *
     * @param reportMost most pairs the report keeps
     */
    static Result compare(Path sources, Path baseCode, double threshold, Path report, int reportMost) throws IOException {
        long start = System.nanoTime();
        Map<String, String> skipped = new TreeMap<>();
        List<String> ids = new ArrayList<>();
        try (var children = Files.list(sources)) {
            children.filter(Files::isDirectory).map(dir -> dir.getFileName().toString()).sorted().forEach(ids::add);
        }
        JPlagOptions options = new JPlagOptions(new de.jplag.java.Language(), Set.of(sources.toFile()), Set.of())
                .withClusteringOptions(new ClusteringOptions().withEnabled(false));
        if (baseCode != null) {
            options = options.withBaseCodeSubmissionDirectory(baseCode.toFile());
        }
        JPlagResult result;
        try {
            result = new JPlag(options).run();
        } catch (BasecodeException e) {
            throw new IOException("the template's stubs (" + baseCode + ") cannot serve as base code: " + e.getMessage(), e);
        } catch (SubmissionException e) {
            // fewer than two submissions parse: nothing to compare
            ids.forEach(id -> skipped.putIfAbsent(id, reasonOrNothingToCompare(sources.resolve(id))));
            return new Result(List.of(), Set.of(), skipped, seconds(start));
        } catch (ExitException e) {
            throw new IOException("JPlag could not compare the submissions in " + sources + ": " + e.getMessage(), e);
        }
        for (Submission invalid : result.getSubmissions().getInvalidSubmissions()) {
            skipped.put(invalid.getName(), reason(invalid));
        }
        Set<String> compared = new HashSet<>();
        result.getSubmissions().getSubmissions().forEach(submission -> compared.add(submission.getName()));
        List<Pair> pairs = new ArrayList<>();
        for (JPlagComparison comparison : result.getAllComparisons()) {
            String a = comparison.firstSubmission().getName();
            String b = comparison.secondSubmission().getName();
            boolean ordered = a.compareTo(b) <= 0;
            pairs.add(new Pair(ordered ? a : b, ordered ? b : a, clamp(comparison.similarity()), clamp(comparison.maximalSimilarity()),
                    comparison.getNumberOfMatchedTokens()));
        }
        pairs.sort(Comparator.comparingDouble(Pair::similarity).reversed().thenComparing(Pair::first).thenComparing(Pair::second));
        if (report != null) {
            int shown = reportedPairs(pairs.stream().filter(pair -> pair.similarity() >= threshold).count(), reportMost);
            writeReport(result, shown, report);
        }
        return new Result(pairs, compared, skipped, seconds(start));
    }

    /**
     * @param atThreshold how many pairs reach the threshold
     * @param most most pairs the report keeps
     * @return how many of the most similar pairs JPlag's report keeps
     */
    static int reportedPairs(long atThreshold, int most) {
        return (int) Math.min(most, Math.max(REPORT_PAIRS, atThreshold));
    }

    /**
     * JPlag's report for its viewer: its {@code overview.json}, one file per pair shown, the
     * sources. JPlag writes a directory beside the target and zips it; failures are only logged
     * there, so the zip's presence is checked.
     */
    private static void writeReport(JPlagResult result, int shown, Path report) throws IOException {
        JPlagResult limited = new JPlagResult(result.getAllComparisons(), result.getSubmissions(), result.getDuration(),
                result.getOptions().withMaximumNumberOfComparisons(shown));
        limited.setClusteringResult(List.of());
        String name = report.getFileName().toString();
        Path base = report.resolveSibling(name.endsWith(".zip") ? name.substring(0, name.length() - 4) : name);
        Path zip = base.resolveSibling(base.getFileName() + ".zip");
        AtomicFiles.deleteTree(base);
        Files.deleteIfExists(zip);
        new ReportObjectFactory().createAndSaveReport(limited, base.toString());
        if (!Files.isRegularFile(zip)) {
            AtomicFiles.deleteTree(base);
            throw new IOException("JPlag did not write its report " + zip);
        }
        if (!zip.equals(report)) {
            Files.move(zip, report, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Why JPlag left a submission out, by parsing it again: JPlag itself only logs the reason. */
    private static String reason(Submission invalid) {
        if (invalid.getFiles().isEmpty()) {
            return "no homework class";
        }
        try {
            new de.jplag.java.Language().parse(new HashSet<>(invalid.getFiles()));
            return "too few tokens to compare";
        } catch (ParsingException e) {
            return firstLine(e.getMessage()).replace(invalid.getRoot().getAbsolutePath() + File.separator, "");
        } catch (RuntimeException e) {
            return "does not parse: " + e.getMessage();
        }
    }

    private static String reasonOrNothingToCompare(Path dir) {
        try (var files = Files.walk(dir)) {
            List<File> java = files.filter(f -> f.toString().endsWith(".java")).map(Path::toFile).toList();
            if (java.isEmpty()) {
                return "no homework class";
            }
            new de.jplag.java.Language().parse(new HashSet<>(java));
            return "no other submission to compare with";
        } catch (ParsingException e) {
            return firstLine(e.getMessage()).replace(dir.toAbsolutePath() + File.separator, "");
        } catch (IOException | RuntimeException e) {
            return "no other submission to compare with";
        }
    }

    private static String firstLine(String text) {
        return text == null ? "does not parse" : text.lines().findFirst().orElse(text);
    }

    /** JPlag's similarities are ratios of token counts and may pass 1 by rounding. */
    private static double clamp(double value) {
        return Math.max(0, Math.min(1, value));
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
