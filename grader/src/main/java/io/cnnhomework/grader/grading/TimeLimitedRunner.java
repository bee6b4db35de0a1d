package io.cnnhomework.grader.grading;

import io.cnnhomework.grader.submission.StudentFailure;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Gives each task and layer case a wall-clock limit in this JVM: the work runs on its own daemon
 * thread, and work that overruns is reported as a timeout while the grader moves on. The
 * overrunning thread cannot be stopped safely in-process; running submissions in a child JVM is
 * what reclaims it.
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
        return limited(() -> delegate.runTask(input), input.taskId(), TaskOutput::failed);
    }

    @Override
    public LayerOutput runLayer(LayerInput input) {
        return limited(() -> delegate.runLayer(input), input.caseName(), failure -> new LayerOutput(Map.of(), failure));
    }

    @Override
    public TrainingOutput train(TrainingInput input) {
        return limited(() -> delegate.train(input), "optional-" + input.run(), TrainingOutput::failed, trainingLimit);
    }

    private <T> T limited(Callable<T> work, String what, Function<StudentFailure, T> failed) {
        return limited(work, what, failed, limit);
    }

    private <T> T limited(Callable<T> work, String what, Function<StudentFailure, T> failed, Duration limit) {
        FutureTask<T> task = new FutureTask<>(work);
        Thread thread = new Thread(task, "grading-" + what);
        thread.setDaemon(true);
        thread.start();
        try {
            return task.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            StackTraceElement[] stack = thread.getStackTrace();
            task.cancel(true);
            return failed.apply(StudentFailure.timeout(limit.toMillis() / 1000.0, what, stack));
        } catch (ExecutionException e) {
            return failed.apply(StudentFailure.of(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed.apply(StudentFailure.timeout(0, what));
        }
    }
}
