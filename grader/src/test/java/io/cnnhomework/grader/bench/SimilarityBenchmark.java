package io.cnnhomework.grader.bench;

import io.cnnhomework.grader.Fixtures;
import io.cnnhomework.grader.report.AtomicFiles;
import io.cnnhomework.grader.similarity.Similarity;
import io.cnnhomework.grader.submission.SourceFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;

/**
 * How long the batch's similarity step takes for N submissions: JPlag's parse and comparison of
 * every pair, and its report. The class is made from the two correct fixtures (the known-good and
 * the independent solution), every student's copy disguised (comments removed, locals renamed),
 * and about a third of each student's classes left as the template's stubs, as unfinished work.
 * Pessimistic: every pair of a real class is not this alike. Run by {@code scripts/bench_similarity};
 * prints figures, asserts nothing.
 */
public final class SimilarityBenchmark {

    private SimilarityBenchmark() {
    }

    /**
     * @param args the number of submissions, then the template's sources and the two solutions
     * @throws Exception if anything fails
     */
    public static void main(String[] args) throws Exception {
        int count = Integer.parseInt(args[0]);
        Path template = Path.of(args[1]);
        List<Path> solutions = List.of(Path.of(args[2]), Path.of(args[3]));
        Path work = Files.createTempDirectory("similarity-bench");
        try {
            Random random = new Random(42);
            Path sources = work.resolve("sources");
            for (int i = 0; i < count; i++) {
                Path student = Fixtures.disguisedCopy(solutions.get(i % 2), work.resolve("raw").resolve("s" + i));
                try (Stream<Path> files = Files.list(student.resolve("homework"))) {
                    for (Path file : files.toList()) {
                        Path stub = template.resolve("homework").resolve(file.getFileName());
                        if (Files.exists(stub) && random.nextDouble() < 0.3) {
                            Files.copy(stub, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                        }
                    }
                }
                SourceFiles.copyHomework(student, sources.resolve(String.format(Locale.ROOT, "student%03d", i)));
            }
            Path base = work.resolve("base");
            SourceFiles.copyHomework(template, base);
            System.out.printf(Locale.ROOT, "%d submissions, %d processors%n", count, Runtime.getRuntime().availableProcessors());
            for (int run = 1; run <= 3; run++) {
                long start = System.nanoTime();
                Similarity.compare(sources, base, Similarity.DEFAULT_THRESHOLD, null);
                System.out.printf(Locale.ROOT, "run %d: comparison alone %.1f s%n", run, (System.nanoTime() - start) / 1e9);
                start = System.nanoTime();
                Similarity.Result result = Similarity.compare(sources, base, Similarity.DEFAULT_THRESHOLD, work.resolve("jplag-report.zip"));
                double seconds = (System.nanoTime() - start) / 1e9;
                System.out.printf(Locale.ROOT, "run %d: comparison and JPlag's report %.1f s (%d pairs, %d at or above %.2f, %d not compared; report %d KB)%n", run,
                        seconds, result.pairs().size(), result.above(Similarity.DEFAULT_THRESHOLD).size(), Similarity.DEFAULT_THRESHOLD,
                        result.skipped().size(), Files.size(work.resolve("jplag-report.zip")) / 1024);
            }
        } finally {
            AtomicFiles.deleteTree(work);
        }
    }
}
