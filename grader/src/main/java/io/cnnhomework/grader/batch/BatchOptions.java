package io.cnnhomework.grader.batch;

import io.cnnhomework.grader.grading.OptionalMode;
import io.cnnhomework.grader.exercise.TimeBudget;
import io.cnnhomework.grader.exercise.TimeLimitedRunner;
import io.cnnhomework.grader.similarity.Similarity;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * How a batch is graded.
 *
 * @param submissions the directory of submissions
 * @param out the output directory: gradebook, per-submission reports, Allure results
 * @param jobs submissions graded at once
 * @param timeout wall-clock limit per layer case or task
 * @param memoryMb heap limit of each child JVM
 * @param resume keep finished rows of an existing gradebook and grade only the rest
 * @param shard this shard, from 1
 * @param shards how many shards the batch is split into
 * @param locale language of the reports
 * @param optional how much of the optional task to train
 * @param trainingTimeout wall-clock limit per training run of the optional task
 * @param template the template's sources ({@code student-template/src/main/java}): its stubs tell
 *     a submission never started ({@code not-attempted}) and are the similarity check's base code;
 *     {@code null} when unknown, which leaves both out
 * @param similarity whether to compare every pair of submissions after grading (needs a template)
 * @param similarityThreshold pairs at or above this similarity go into {@code similarity.csv}
 * @param pointColumns whether the gradebook gets one column per layer check and task with its points
 * @param manual the instructor's points by hand ({@code --manual}), or {@code null}
 * @param budget wall-clock time of one submission's layer checks and tasks together
 * @param compileTimeout the processor time one submission's compilation may take
 */
public record BatchOptions(Path submissions, Path out, int jobs, Duration timeout, int memoryMb, boolean resume, int shard,
        int shards, Locale locale, OptionalMode optional, Duration trainingTimeout, Path template, boolean similarity,
        double similarityThreshold, boolean pointColumns, ManualPoints manual, Duration budget, Duration compileTimeout) {

    /** Default limit of one compilation, in processor time: javac needs a fraction of a second for the homework. */
    public static final Duration DEFAULT_COMPILE_TIMEOUT = Duration.ofSeconds(30);

    /** Checks the numbers. */
    public BatchOptions {
        if (jobs < 1 || memoryMb < 16 || shards < 1 || shard < 1 || shard > shards) {
            throw new IllegalArgumentException("jobs " + jobs + ", memory " + memoryMb + " MB, shard " + shard + "/" + shards
                    + ": jobs ≥ 1, memory ≥ 16 MB and 1 ≤ shard ≤ shards");
        }
        if (!(similarityThreshold >= 0 && similarityThreshold <= 1)) {
            throw new IllegalArgumentException("similarity threshold " + similarityThreshold + ": it is between 0 and 1");
        }
    }

    /**
     * Options without the template, the similarity check and the points columns.
     *
     * @param submissions the directory of submissions
     * @param out the output directory
     * @param jobs submissions graded at once
     * @param timeout wall-clock limit per layer case or task
     * @param memoryMb heap limit of each child JVM
     * @param resume keep finished rows
     * @param shard this shard, from 1
     * @param shards how many shards
     * @param locale language of the reports
     * @param optional how much of the optional task to train
     * @param trainingTimeout wall-clock limit per training run of the optional task
     */
    public BatchOptions(Path submissions, Path out, int jobs, Duration timeout, int memoryMb, boolean resume, int shard,
            int shards, Locale locale, OptionalMode optional, Duration trainingTimeout) {
        this(submissions, out, jobs, timeout, memoryMb, resume, shard, shards, locale, optional, trainingTimeout, null, false,
                Similarity.DEFAULT_THRESHOLD, false, null, TimeBudget.DEFAULT, DEFAULT_COMPILE_TIMEOUT);
    }

    /**
     * @param templateSources the template's sources
     * @param compare whether to compare the submissions with each other
     * @param threshold the least similarity listed
     * @param points whether the gradebook gets points columns
     * @return these options with the instructor's view
     */
    public BatchOptions withInstructorView(Path templateSources, boolean compare, double threshold, boolean points) {
        return new BatchOptions(submissions, out, jobs, timeout, memoryMb, resume, shard, shards, locale, optional, trainingTimeout,
                templateSources, compare, threshold, points, manual, budget, compileTimeout);
    }

    /**
     * @param submissionBudget wall-clock time of one submission's layer checks and tasks together
     * @param compileLimit the processor time one submission's compilation may take
     * @return these options with those limits
     */
    public BatchOptions withLimits(Duration submissionBudget, Duration compileLimit) {
        return new BatchOptions(submissions, out, jobs, timeout, memoryMb, resume, shard, shards, locale, optional, trainingTimeout,
                template, similarity, similarityThreshold, pointColumns, manual, submissionBudget, compileLimit);
    }

    /**
     * @param points the instructor's points by hand, or {@code null}
     * @return these options with them
     */
    public BatchOptions withManual(ManualPoints points) {
        return new BatchOptions(submissions, out, jobs, timeout, memoryMb, resume, shard, shards, locale, optional, trainingTimeout,
                template, similarity, similarityThreshold, pointColumns, points, budget, compileTimeout);
    }

    /**
     * Options without the optional task.
     *
     * @param submissions the directory of submissions
     * @param out the output directory
     * @param jobs submissions graded at once
     * @param timeout wall-clock limit per layer case or task
     * @param memoryMb heap limit of each child JVM
     * @param resume keep finished rows
     * @param shard this shard, from 1
     * @param shards how many shards
     * @param locale language of the reports
     */
    public BatchOptions(Path submissions, Path out, int jobs, Duration timeout, int memoryMb, boolean resume, int shard,
            int shards, Locale locale) {
        this(submissions, out, jobs, timeout, memoryMb, resume, shard, shards, locale, OptionalMode.OFF,
                TimeLimitedRunner.DEFAULT_TRAINING_LIMIT);
    }
}
