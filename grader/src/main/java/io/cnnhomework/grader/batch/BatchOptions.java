package io.cnnhomework.grader.batch;

import io.cnnhomework.grader.grading.OptionalMode;
import io.cnnhomework.grader.exercise.TimeLimitedRunner;
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
 */
public record BatchOptions(Path submissions, Path out, int jobs, Duration timeout, int memoryMb, boolean resume, int shard,
        int shards, Locale locale, OptionalMode optional, Duration trainingTimeout) {

    /** Checks the numbers. */
    public BatchOptions {
        if (jobs < 1 || memoryMb < 16 || shards < 1 || shard < 1 || shard > shards) {
            throw new IllegalArgumentException("jobs " + jobs + ", memory " + memoryMb + " MB, shard " + shard + "/" + shards
                    + ": jobs ≥ 1, memory ≥ 16 MB and 1 ≤ shard ≤ shards");
        }
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
