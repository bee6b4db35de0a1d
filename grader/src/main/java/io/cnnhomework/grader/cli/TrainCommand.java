package io.cnnhomework.grader.cli;

import io.cnnhomework.grader.grading.OptionalTask;
import io.cnnhomework.grader.exercise.TimeLimitedRunner;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The parsed {@code train} command: trains a submission's own network once, as the optional task
 * does, and reports its time and accuracy; with {@code --init} and {@code --order}, from PyTorch's
 * initial weights and batch order, to compare with PyTorch on equal terms.
 *
 * @param submission the submission's source directory
 * @param reference the reference set whose digits split it trains on
 * @param init an ONNX file whose initializers are the initial parameters by PyTorch's names, or
 *     {@code null} for the recipe's own
 * @param order a CSV file with one permutation of the training rows per line and epoch, or
 *     {@code null} for the grader's
 * @param json where to write the run as JSON, or {@code null}
 * @param timeout wall-clock limit of each run
 * @param language the language of the message, or {@code null} for the default
 * @param seed seeds the recipe's initial parameters and the batch order (the grade uses 0)
 * @param repeat how many times to train from the same start in this JVM; the report is the
 *     run of median time, so that the JIT's warm-up is not what is measured
 */
record TrainCommand(Path submission, Path reference, Path init, Path order, Path json, Duration timeout, String language,
        long seed, int repeat) {

    /**
     * @param line the words after {@code train}, {@code --submission} among them
     * @param defaultReference the reference set used without {@code --reference}
     * @return the command
     * @throws UsageException when the words are off
     */
    static TrainCommand parse(Given line, Path defaultReference) {
        Path submission = line.path("--submission", null);
        Duration timeout = line.value("--timeout") == null ? TimeLimitedRunner.DEFAULT_TRAINING_LIMIT
                : GradeCommand.parseTimeout(line.value("--timeout"));
        int repeat = 1;
        if (line.value("--repeat") != null) {
            try {
                repeat = Integer.parseInt(line.value("--repeat").strip());
            } catch (NumberFormatException e) {
                repeat = 0;
            }
            if (repeat < 1 || repeat > 100) {
                throw UsageException.of("error.repeat", line.value("--repeat"));
            }
        }
        long seed = OptionalTask.SEED;
        if (line.value("--seed") != null) {
            try {
                seed = Long.parseLong(line.value("--seed").strip());
            } catch (NumberFormatException e) {
                throw UsageException.of("error.seed", line.value("--seed"));
            }
        }
        return new TrainCommand(submission, line.path("--reference", defaultReference), line.path("--init", null),
                line.path("--order", null), line.path("--json", null), timeout, line.value("--lang"), seed, repeat);
    }
}
