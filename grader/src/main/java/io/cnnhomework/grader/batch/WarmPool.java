package io.cnnhomework.grader.batch;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Workers' shared supply of something costly to warm up, such as a compiler process: one is made
 * at first and passed from worker to worker while it keeps up; another is made only when a worker
 * has waited {@code patience} for one, up to {@code most}. Each javac process spends seconds of
 * processor time warming up; a batch whose compilations take a fraction of each submission's time
 * is quicker with one warm javac than with one cold javac per worker, and a compilation that
 * hangs until its limit still holds up only one worker.
 *
 * @param <T> what is pooled
 */
final class WarmPool<T extends AutoCloseable> implements AutoCloseable {

    private final Supplier<T> factory;
    private final int most;
    private final Duration patience;
    private final BlockingQueue<T> idle = new LinkedBlockingQueue<>();
    private final List<T> made = new ArrayList<>();

    /**
     * @param factory makes one; called under the pool's lock, so it should not block for long
     * @param most how many there may be, at least 1
     * @param patience how long a worker waits for an idle one before another is made
     */
    WarmPool(Supplier<T> factory, int most, Duration patience) {
        if (most < 1) {
            throw new IllegalArgumentException("a pool of at most " + most);
        }
        this.factory = factory;
        this.most = most;
        this.patience = patience;
    }

    /**
     * @return an idle one, a new one if none is idle and none was ever made or a worker waited
     *     {@code patience}, else the next one given back
     * @throws InterruptedException if interrupted while waiting
     */
    T take() throws InterruptedException {
        T item = idle.poll();
        if (item != null) {
            return item;
        }
        synchronized (this) {
            if (made.isEmpty()) {
                return make();
            }
        }
        item = idle.poll(patience.toMillis(), TimeUnit.MILLISECONDS);
        if (item != null) {
            return item;
        }
        synchronized (this) {
            if (made.size() < most) {
                return make();
            }
        }
        return idle.take();
    }

    /** @param item one {@link #take()} gave, now idle again */
    void give(T item) {
        idle.add(item);
    }

    /** @return how many were made */
    synchronized int made() {
        return made.size();
    }

    private T make() {
        T item = factory.get();
        made.add(item);
        return item;
    }

    /** Closes every one made, idle or not; a failure to close one does not keep the others open. */
    @Override
    public synchronized void close() {
        for (T item : made) {
            try {
                item.close();
            } catch (Exception e) {
                // the others are still closed
            }
        }
        made.clear();
        idle.clear();
    }
}
