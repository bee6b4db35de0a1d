package io.cnnhomework.grader.exercise;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs work that may never end on its own daemon thread and waits for it at most a limit: the one
 * watchdog of the in-process runner ({@link TimeLimitedRunner}) and the child JVM. An overrunning
 * thread cannot be stopped safely; the caller reports it and moves on (in-process), or ends the
 * JVM (the child). An interrupt of the waiting thread does not shorten the limit.
 */
public final class Deadline {

    /**
     * What became of the work.
     *
     * @param <T> what it returns
     */
    public sealed interface Result<T> permits Done, Threw, Overran {
    }

    /**
     * It returned in time.
     *
     * @param value what it returned
     * @param <T> what it returns
     */
    public record Done<T>(T value) implements Result<T> {
    }

    /**
     * It threw in time.
     *
     * @param thrown what it threw
     * @param <T> what it returns
     */
    public record Threw<T>(Throwable thrown) implements Result<T> {
    }

    /**
     * It was still running at the limit.
     *
     * @param stack where its thread was then, to name the student method it was in
     * @param <T> what it returns
     */
    public record Overran<T>(StackTraceElement[] stack) implements Result<T> {
    }

    /**
     * The stack of the thread that runs the work: deep enough for recursive student code (a
     * 30,000-deep recursion fits even before the JIT compiles it, where a default 1 MB stack holds
     * under 20,000), the same in the grader's own JVM and in the child JVM, whose other threads get
     * it too ({@code -Xss}).
     */
    public static final long STACK_BYTES = 4L << 20;

    private Deadline() {
    }

    /**
     * @param threadName names the work's thread, e.g. {@code homework-task1}
     * @param work the work
     * @param limitMillis the limit in milliseconds, 0 for none
     * @param <T> what the work returns
     * @return its value, what it threw, or where it was at the limit
     */
    public static <T> Result<T> run(String threadName, Callable<T> work, long limitMillis) {
        FutureTask<T> task = new FutureTask<>(work);
        Thread thread = new Thread(null, task, threadName, STACK_BYTES);
        thread.setDaemon(true);
        thread.start();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(limitMillis);
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return new Done<>(limitMillis == 0 ? task.get() : task.get(deadline - System.nanoTime(), TimeUnit.NANOSECONDS));
                } catch (TimeoutException e) {
                    StackTraceElement[] stack = thread.getStackTrace();
                    task.cancel(true);
                    return new Overran<>(stack);
                } catch (ExecutionException e) {
                    return new Threw<>(e.getCause());
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
