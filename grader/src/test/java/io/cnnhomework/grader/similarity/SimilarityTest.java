package io.cnnhomework.grader.similarity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cnnhomework.grader.Fixtures;
import io.cnnhomework.grader.similarity.Similarity.Pair;
import io.cnnhomework.grader.similarity.Similarity.Result;
import io.cnnhomework.grader.submission.SourceFiles;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * JPlag on the fixtures, the template's stubs as base code: a disguised copy of the known-good
 * submission scores high, two correct solutions written independently score low.
 */
class SimilarityTest {

    @TempDir
    static Path tmp;

    private static Result result;
    private static Path report;
    private static Path sources;
    private static Path base;

    @BeforeAll
    static void compareTheFixtures() throws IOException {
        sources = tmp.resolve("sources");
        SourceFiles.copyHomework(Fixtures.KNOWN_GOOD, sources.resolve("known-good"));
        SourceFiles.copyHomework(Fixtures.disguisedCopy(Fixtures.KNOWN_GOOD, tmp.resolve("disguised")), sources.resolve("disguised-copy"));
        SourceFiles.copyHomework(Fixtures.INDEPENDENT, sources.resolve("independent"));
        SourceFiles.copyHomework(Fixtures.TEMPLATE, sources.resolve("untouched"));
        SourceFiles.copyHomework(savedOnWindows(Fixtures.KNOWN_GOOD, tmp.resolve("windows")), sources.resolve("saved-on-windows"));
        SourceFiles.copyHomework(Fixtures.KNOWN_GOOD, sources.resolve("syntax-error"));
        Files.writeString(sources.resolve("syntax-error/homework/ReLU.java"), "package homework; public class ReLU { int x = ; }");
        Files.createDirectories(sources.resolve("empty"));
        base = tmp.resolve("base");
        SourceFiles.copyHomework(Fixtures.TEMPLATE, base);
        report = tmp.resolve("out/jplag-report.zip");

        result = Similarity.compare(sources, base, Similarity.DEFAULT_THRESHOLD, report);
    }

    private static Pair pair(String a, String b) {
        return result.pairs().stream().filter(p -> Set.of(p.first(), p.second()).equals(Set.of(a, b))).findFirst()
                .orElseThrow(() -> new AssertionError("no pair " + a + ", " + b + " in " + result.pairs()));
    }

    @Test
    void copyWithCommentsRemovedAndLocalsRenamedScoresHigh() {
        Pair copy = pair("known-good", "disguised-copy");

        assertTrue(copy.similarity() >= 0.9, copy.toString());
        assertTrue(result.above(Similarity.DEFAULT_THRESHOLD).contains(copy));
        assertEquals(copy, result.nearest().get("disguised-copy"));
    }

    /**
     * Measured 0.26: the contract fixes the class headers, constructors, fields of the stubs and
     * the models' layer lists, and those token runs match in any two correct solutions.
     */
    @Test
    void independentlyWrittenCorrectSolutionsScoreLow() {
        Pair independent = pair("known-good", "independent");

        assertTrue(independent.similarity() < 0.35, independent.toString());
        assertTrue(pair("disguised-copy", "independent").similarity() < 0.35);
        assertFalse(result.above(Similarity.DEFAULT_THRESHOLD).contains(independent));
    }

    @Test
    void theUntouchedTemplateIsAllBaseCodeAndMatchesNothing() {
        for (String other : Set.of("known-good", "disguised-copy", "independent")) {
            assertEquals(0.0, pair("untouched", other).similarity(), 1e-9, other);
        }
    }

    @Test
    void filesSavedWithABomOrInWindows1251AreComparedNotDropped() {
        assertTrue(result.compared().contains("saved-on-windows"), result.skipped().toString());
        assertTrue(pair("known-good", "saved-on-windows").similarity() >= 0.9);
    }

    @Test
    void submissionsThatDoNotParseAreLeftOutWithTheReason() {
        assertEquals(Set.of("syntax-error", "empty"), result.skipped().keySet());
        assertTrue(result.skipped().get("syntax-error").contains("ReLU.java"), result.skipped().get("syntax-error"));
        assertFalse(result.skipped().get("syntax-error").contains(tmp.toString()), "the reason names the file inside the submission");
        assertEquals("no homework class", result.skipped().get("empty"));
        assertTrue(result.pairs().stream().noneMatch(p -> p.first().equals("syntax-error") || p.second().equals("syntax-error")));
    }

    @Test
    void jplagsOwnReportIsWrittenForItsViewer() throws IOException {
        try (ZipFile zip = new ZipFile(report.toFile())) {
            assertTrue(zip.stream().anyMatch(entry -> entry.getName().endsWith("overview.json")), report.toString());
        }
        try (Stream<Path> left = Files.list(report.getParent())) {
            assertEquals(Set.of(report), Set.copyOf(left.toList()), "JPlag's working directory is removed");
        }
    }

    @Test
    void jplagsReportHoldsEveryPairWhileFewerThanItsLeast() throws IOException {
        assertEquals(10, result.pairs().size(), "five submissions compared");
        assertEquals(result.pairs().size(), reportedPairs(report).size());
    }

    @Test
    void jplagsReportKeepsOnlyTheMostSimilarPairsUpToItsLimit() throws IOException {
        Path limited = tmp.resolve("limited/jplag-report.zip");
        Result again = Similarity.compare(sources, base, Similarity.DEFAULT_THRESHOLD, limited, 3);
        Set<Set<String>> mostSimilar = new HashSet<>();
        again.pairs().subList(0, 3).forEach(pair -> mostSimilar.add(Set.of(pair.first(), pair.second())));
        Set<Set<String>> reported = new HashSet<>();
        for (String name : reportedPairs(limited)) {
            reported.add(mostSimilar.stream().filter(pair -> pair.stream().allMatch(name::contains)).findFirst()
                    .orElseThrow(() -> new AssertionError(name + " is not one of the three most similar pairs " + mostSimilar)));
        }
        assertEquals(mostSimilar, reported);
        assertEquals(result.pairs().size(), again.pairs().size(), "the limit is the report's; every pair is still compared");
    }

    @Test
    void theReportsSizeIsItsLeastOrEveryPairAtTheThresholdUpToItsMost() {
        assertEquals(Similarity.REPORT_PAIRS, Similarity.reportedPairs(10, Similarity.REPORT_MOST));
        assertEquals(250, Similarity.reportedPairs(250, Similarity.REPORT_MOST));
        assertEquals(Similarity.REPORT_MOST, Similarity.reportedPairs(4950, Similarity.REPORT_MOST));
        assertEquals(3, Similarity.reportedPairs(10, 3));
    }

    /** The names of the pair files in JPlag's report: one JSON file per pair beside its overview. */
    private static List<String> reportedPairs(Path zipFile) throws IOException {
        try (ZipFile zip = new ZipFile(zipFile.toFile())) {
            return zip.stream().map(ZipEntry::getName)
                    .filter(name -> !name.contains("/") && name.endsWith(".json") && !name.equals("overview.json")).toList();
        }
    }

    /** The known-good classes as a Windows editor may save them: one with a BOM, one in Windows-1251 with a Russian comment. */
    private static Path savedOnWindows(Path submission, Path target) throws IOException {
        Fixtures.copyTree(submission, target);
        Path fc = target.resolve("homework/Fc.java");
        byte[] text = Files.readAllBytes(fc);
        byte[] withBom = new byte[text.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(text, 0, withBom, 3, text.length);
        Files.write(fc, withBom);
        Path relu = target.resolve("homework/ReLU.java");
        String russian = Files.readString(relu).replace("/** Known-good ReLU", "/** Известная верная ReLU");
        Files.write(relu, russian.getBytes(Charset.forName("windows-1251")));
        assertFalse(new String(Files.readAllBytes(relu), StandardCharsets.UTF_8).contains("Известная"));
        return target;
    }
}
