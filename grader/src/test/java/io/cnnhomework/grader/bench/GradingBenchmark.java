package io.cnnhomework.grader.bench;

import io.cnnhomework.grader.grading.GradeReport;
import io.cnnhomework.grader.grading.Grader;
import io.cnnhomework.grader.exercise.InProcessRunner;
import io.cnnhomework.grader.exercise.SubmissionRunner;
import io.cnnhomework.grader.exercise.TimeLimitedRunner;
import io.cnnhomework.grader.reference.LayerCase;
import io.cnnhomework.grader.reference.ReferenceSet;
import io.cnnhomework.grader.reference.ReferenceTask;
import io.cnnhomework.grader.submission.SubmissionCompiler;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * How long the grader's own work takes for one submission, in one JVM: loading the reference,
 * compiling, the layer checks and the three tasks. Run by {@code scripts/bench_feedback}; prints
 * figures, asserts nothing.
 */
public final class GradingBenchmark {

    private static final int WARM_UP = 5;
    private static final int RUNS = 20;

    private GradingBenchmark() {
    }

    /**
     * @param args the reference directory and the submission directory
     * @throws Exception if anything fails
     */
    public static void main(String[] args) throws Exception {
        Path referenceDir = Path.of(args[0]);
        Path submission = Path.of(args[1]);

        long start = System.nanoTime();
        ReferenceSet reference = ReferenceSet.load(referenceDir);
        long loaded = System.nanoTime();
        URLClassLoader loader = new SubmissionCompiler().compile(submission, Files.createTempDirectory("bench-classes"));
        long compiled = System.nanoTime();
        Grader grader = new Grader(reference);
        SubmissionRunner runner = InProcessRunner.limited(loader, TimeLimitedRunner.DEFAULT_LIMIT, TimeLimitedRunner.DEFAULT_TRAINING_LIMIT);
        GradeReport first = grader.grade(runner);
        long firstGrade = System.nanoTime();
        System.out.printf(Locale.ROOT, "cold: load reference %.0f ms, compile %.0f ms, first grading %.0f ms (score %.1f)%n",
                ms(loaded - start), ms(compiled - loaded), ms(firstGrade - compiled), first.score());

        double[] layers = new double[RUNS];
        double[] tasks = new double[RUNS];
        for (int run = -WARM_UP; run < RUNS; run++) {
            long t0 = System.nanoTime();
            for (LayerCase layerCase : reference.layerCases()) {
                grader.check(layerCase, runner);
            }
            long t1 = System.nanoTime();
            for (ReferenceTask task : reference.tasks()) {
                grader.grade(task.id(), runner);
            }
            long t2 = System.nanoTime();
            if (run >= 0) {
                layers[run] = ms(t1 - t0);
                tasks[run] = ms(t2 - t1);
            }
        }
        System.out.printf(Locale.ROOT, "warm, median of %d: layer checks %.1f ms, tasks 1-3 %.1f ms%n", RUNS, median(layers), median(tasks));
        loader.close();
        System.exit(0);
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
