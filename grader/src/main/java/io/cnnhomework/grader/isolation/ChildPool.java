package io.cnnhomework.grader.isolation;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;

/**
 * Child JVMs of one batch that serve one submission after another, so that a batch pays for
 * starting a JVM and compiling the tensor's kernels once per child instead of once per
 * submission: with the optional task's training, the compilers alone cost a cold child about as
 * much processor time as the training itself.
 *
 * <p>A runner made with the pool ({@link ChildJvmRunner#ChildJvmRunner(java.nio.file.Path,
 * ChildJvmRunner.Limits, ChildPool)}) takes an idle child when it needs one and opens its
 * submission in it ({@link Wire.Open}); the child loads the submission's classes in a class
 * loader of their own, after checking that nothing an earlier submission did is left ({@link
 * Pristine}), and refuses otherwise. When the runner closes, a child that answered every request
 * goes back to the pool; one that timed out, crashed, ran out of memory or refused is never
 * reused. Submissions reach a child only after the batch's bytecode policy passed them.
 *
 * <pre>{@code
 * try (ChildPool pool = new ChildPool(jobs)) {
 *     try (ChildJvmRunner runner = new ChildJvmRunner(classes, limits, pool)) { ... }  // one per submission
 * }
 * }</pre>
 */
public final class ChildPool implements AutoCloseable {

    /** Submissions one child serves before it retires, which bounds whatever they leave behind in its heap. */
    public static final int SUBMISSIONS_PER_CHILD = 200;

    /** How long an idle child gets to exit when the pool closes. */
    private static final long EXIT_MS = 1_000;

    private final int most;
    private final Deque<Idle> idle = new ArrayDeque<>();
    private int started;
    private int refusals;
    private boolean closed;

    private record Idle(List<String> key, ChildProcess child) {
    }

    /** @param most idle children kept, at least 1: the batch's jobs */
    public ChildPool(int most) {
        if (most < 1) {
            throw new IllegalArgumentException("a pool of at most " + most + " children");
        }
        this.most = most;
    }

    /**
     * @param key the children's command line but the submission
     * @return an idle child started with that command line, or {@code null}
     */
    synchronized ChildProcess take(List<String> key) {
        for (Iterator<Idle> it = idle.iterator(); it.hasNext(); ) {
            Idle next = it.next();
            if (next.key().equals(key)) {
                it.remove();
                if (next.child().process.isAlive()) {
                    return next.child();
                }
                next.child().kill();
            }
        }
        return null;
    }

    /**
     * Takes back a child that answered every request of its submission; it ends instead when the
     * pool is closed or full, or it has served {@link #SUBMISSIONS_PER_CHILD}.
     *
     * @param key the command line it was started with but the submission
     * @param child the child
     */
    void give(List<String> key, ChildProcess child) {
        synchronized (this) {
            if (!closed && idle.size() < most && child.submissions() < SUBMISSIONS_PER_CHILD && child.process.isAlive()) {
                idle.push(new Idle(key, child));
                return;
            }
        }
        end(child);
    }

    /** Counts a child a runner of this pool started. */
    synchronized void started() {
        started++;
    }

    /** Counts a child that refused another submission. */
    synchronized void refused() {
        refusals++;
    }

    /** @return children started for runners of this pool */
    public synchronized int childrenStarted() {
        return started;
    }

    /** @return switches to another submission that children refused, each followed by a fresh child */
    public synchronized int refusals() {
        return refusals;
    }

    /** Ends every idle child; children given back later end too. Idempotent. */
    @Override
    public void close() {
        List<Idle> ending;
        synchronized (this) {
            closed = true;
            ending = List.copyOf(idle);
            idle.clear();
        }
        ending.forEach(i -> end(i.child()));
    }

    private static void end(ChildProcess child) {
        child.endInput(EXIT_MS);
        child.kill();
    }
}
