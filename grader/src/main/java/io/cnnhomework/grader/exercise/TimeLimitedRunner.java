package io.cnnhomework.grader.exercise;

import io.cnnhomework.grader.submission.StudentFailure;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * Gives each task and layer case a wall-clock limit in this JVM ({@link Deadline}): work that
 * overruns is reported as a timeout while the grader moves on. The overrunning thread cannot be
 * stopped safely in-process; running submissions in a child JVM is what reclaims it.
 */
public final class TimeLimitedRunner implements SubmissionRunner {

    /** Default wall-clock limit per task or case: generous, a correct submission needs well under a second. */
    public static final Duration DEFAULT_LIMIT = Duration.ofSeconds(60);

    /** Default wall-clock limit per training run of the optional task: many epochs on 1,437 images. */
    public static final Duration DEFAULT_TRAINING_LIMIT = Duration.ofSeconds(300);

    private final SubmissionRunner delegate;
    private final Duration limit;
    private final Duration trainingLimit;

    /**
     * @param delegate the runner to limit
     * @param limit the wall-clock limit per task or case
     */
    public TimeLimitedRunner(SubmissionRunner delegate, Duration limit) {
        this(delegate, limit, DEFAULT_TRAINING_LIMIT);
    }

    /**
     * @param delegate the runner to limit
     * @param limit the wall-clock limit per task or case
     * @param trainingLimit the wall-clock limit per training run of the optional task
     */
    public TimeLimitedRunner(SubmissionRunner delegate, Duration limit, Duration trainingLimit) {
        this.delegate = delegate;
        this.limit = limit;
        this.trainingLimit = trainingLimit;
    }

    @Override
    public TaskOutput runTask(TaskInput input) {
        return limited(input.what(), () -> delegate.runTask(input), input::failed, limit);
    }

    @Override
    public LayerOutput runLayer(LayerInput input) {
        return limited(input.what(), () -> delegate.runLayer(input), input::failed, limit);
    }

    @Override
    public TrainingOutput train(TrainingInput input) {
        return limited(input.what(), () -> delegate.train(input), input::failed, trainingLimit);
    }

    private static <T extends Outcome> T limited(String what, Callable<T> work, Function<StudentFailure, T> failed,
            Duration limit) {
        Deadline.Result<T> result = Deadline.run("grading-" + what, work, limit.toMillis());
        if (result instanceof Deadline.Done<T> done) {
            return done.value();
        }
        StudentFailure failure = result instanceof Deadline.Overran<T> overran
                ? StudentFailure.timeout(limit.toMillis() / 1000.0, what, overran.stack())
                : StudentFailure.of(((Deadline.Threw<T>) result).thrown());
        return failed.apply(failure);
    }
}
