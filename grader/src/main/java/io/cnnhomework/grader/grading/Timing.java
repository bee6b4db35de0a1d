package io.cnnhomework.grader.grading;

/**
 * When one layer check, task or the optional task was graded, by the grader's clock: from sending
 * its inputs to the submission to the end of the comparison with PyTorch.
 *
 * @param startMillis the start, milliseconds since the epoch
 * @param stopMillis the end, milliseconds since the epoch
 */
public record Timing(long startMillis, long stopMillis) {

    /** @return a timing that starts now; {@link #stop()} ends it */
    public static Timing start() {
        long now = System.currentTimeMillis();
        return new Timing(now, now);
    }

    /** @return this timing ended now */
    public Timing stop() {
        return new Timing(startMillis, Math.max(startMillis, System.currentTimeMillis()));
    }

    /** @return the duration in milliseconds */
    public long millis() {
        return stopMillis - startMillis;
    }
}
