package io.cnnhomework.grader.exercise;

import io.cnnhomework.grader.submission.StudentFailure;
import java.time.Duration;
import java.util.Objects;

/**
 * The wall-clock time one submission's layer checks and tasks may take together. Each request
 * still has its own limit; the budget stops a submission that spends just under that limit in
 * every request (sixteen requests at nine seconds each) from holding a batch for minutes. A request
 * gets the smaller of its limit and what is left; once nothing is left, the remaining requests
 * fail as timeouts without running. Thread-safe.
 *
 * <pre>{@code
 * TimeBudget budget = new TimeBudget(Duration.ofSeconds(20));
 * Duration allowed = budget.allow(perRequest);        // ZERO once spent
 * ... run the request within allowed ...
 * budget.spend(elapsedNanos);
 * }</pre>
 */
public final class TimeBudget {

    /** Default budget: a known-good submission's layer checks and tasks take under a second even in a child JVM on a busy machine. */
    public static final Duration DEFAULT = Duration.ofSeconds(20);

    private final Duration total;
    private long spentNanos;

    /** @param total the submission's whole budget, positive */
    public TimeBudget(Duration total) {
        Objects.requireNonNull(total, "total");
        if (total.isNegative() || total.isZero()) {
            throw new IllegalArgumentException("time budget " + total + " must be positive");
        }
        this.total = total;
    }

    /** @return the whole budget */
    public Duration total() {
        return total;
    }

    /**
     * @param limit a request's own limit
     * @return what the request may take: its limit, or less when less is left; {@link Duration#ZERO}
     *     when the budget is spent
     */
    public synchronized Duration allow(Duration limit) {
        long left = total.toNanos() - spentNanos;
        if (left < 1_000_000) {
            return Duration.ZERO;
        }
        return left < limit.toNanos() ? Duration.ofMillis(left / 1_000_000) : limit;
    }

    /** @param nanos wall time a request took */
    public synchronized void spend(long nanos) {
        spentNanos += Math.max(0, nanos);
    }

    /**
     * @param what the request that did not run, or that the budget cut short
     * @return its failure: a timeout naming the budget
     */
    public StudentFailure exhausted(String what) {
        return StudentFailure.budget(what, total.toMillis() / 1000.0);
    }
}
