package io.cnnhomework.grader.exercise;

import io.cnnhomework.grader.submission.FailureKind;
import io.cnnhomework.grader.submission.StudentFailure;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * Gives each task and layer case a wall-clock limit in this JVM ({@link Deadline}), and all of them
 * together a {@link TimeBudget}: work that overruns is reported as a timeout while the grader moves
 * on. Whatever touches student objects runs on the limited thread, describing what the submission
 * threw included (its {@code getMessage} or {@code getStackTrace} may never return). The
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
    private final TimeBudget budget;

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
        this(delegate, limit, trainingLimit, new TimeBudget(TimeBudget.DEFAULT));
    }

    /**
     * @param delegate the runner to limit
     * @param limit the wall-clock limit per task or case
     * @param trainingLimit the wall-clock limit per training run of the optional task
     * @param budget what the tasks and layer cases may take together; training runs are outside it
     */
    public TimeLimitedRunner(SubmissionRunner delegate, Duration limit, Duration trainingLimit, TimeBudget budget) {
        this.delegate = delegate;
        this.limit = limit;
        this.trainingLimit = trainingLimit;
        this.budget = budget;
    }

    @Override
    public TaskOutput runTask(TaskInput input) {
        return budgeted(input.what(), () -> delegate.runTask(input), input::failed);
    }

    @Override
    public LayerOutput runLayer(LayerInput input) {
        return budgeted(input.what(), () -> delegate.runLayer(input), input::failed);
    }

    @Override
    public TrainingOutput train(TrainingInput input) {
        return limited(input.what(), () -> delegate.train(input), input::failed, trainingLimit);
    }

    private <T extends Outcome> T budgeted(String what, Callable<T> work, Function<StudentFailure, T> failed) {
        Duration allowed = budget.allow(limit);
        if (allowed.isZero()) {
            return failed.apply(budget.exhausted(what));
        }
        long start = System.nanoTime();
        T outcome = limited(what, work, failed, allowed);
        budget.spend(System.nanoTime() - start);
        boolean cut = allowed.compareTo(limit) < 0;
        return cut && outcome.failure() != null && outcome.failure().kind() == FailureKind.TIMEOUT
                ? failed.apply(budget.exhausted(what)) : outcome;
    }

    private static <T extends Outcome> T limited(String what, Callable<T> work, Function<StudentFailure, T> failed,
            Duration limit) {
        Deadline.Result<T> result = Deadline.run("grading-" + what, described(work, failed), limit.toMillis());
        if (result instanceof Deadline.Done<T> done) {
            return done.value();
        }
        if (result instanceof Deadline.Overran<T> overran) {
            return failed.apply(StudentFailure.timeout(limit.toMillis() / 1000.0, what, overran.stack()));
        }
        // described() lets nothing escape but what describing itself threw, and that is not student code's to run again
        Throwable thrown = ((Deadline.Threw<T>) result).thrown();
        return failed.apply(StudentFailure.of(new IllegalStateException(thrown.getClass().getName() + " escaped while running " + what)));
    }

    /**
     * @param work work that runs student code
     * @param failed its output for a failure
     * @param <T> its output
     * @return the same work, describing whatever it throws on its own thread, so that the
     *     description runs under the same limit as the work
     */
    public static <T extends Outcome> Callable<T> described(Callable<T> work, Function<StudentFailure, T> failed) {
        return () -> {
            try {
                return work.call();
            } catch (Throwable thrown) { // student code may throw anything; describing it may itself hang or throw
                return failed.apply(StudentFailure.of(thrown));
            }
        };
    }
}
