package io.cnnhomework.grader.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class WarmPoolTest {

    /** Stands in for a compiler process: counts how often it was closed. */
    private static final class Item implements AutoCloseable {
        final int number;
        int closed;

        Item(int number) {
            this.number = number;
        }

        @Override
        public void close() {
            closed++;
        }
    }

    private final AtomicInteger count = new AtomicInteger();
    private final List<Item> items = new ArrayList<>();

    private WarmPool<Item> pool(int most, Duration patience) {
        return new WarmPool<>(() -> {
            Item item = new Item(count.incrementAndGet());
            items.add(item);
            return item;
        }, most, patience);
    }

    @Test
    void workersTakingTurnsShareTheOneWarmItem() throws Exception {
        try (WarmPool<Item> pool = pool(4, Duration.ofSeconds(5))) {
            Item first = pool.take();
            pool.give(first);
            for (int i = 0; i < 10; i++) {
                Item item = pool.take();
                assertSame(first, item);
                pool.give(item);
            }
            assertEquals(1, pool.made());
        }
    }

    @Test
    void aWorkerThatWaitedItsPatienceGetsAnotherAndThenBothAreShared() throws Exception {
        try (WarmPool<Item> pool = pool(2, Duration.ofMillis(50))) {
            Item stuck = pool.take();
            Item second = pool.take();
            assertEquals(2, second.number, "made after the patience ran out");
            assertEquals(2, pool.made());
            pool.give(second);
            pool.give(stuck);
            assertSame(second, pool.take(), "idle ones are handed out before any is made");
            assertEquals(2, pool.made());
        }
    }

    @Test
    void noMoreThanTheMostAreMade() throws Exception {
        try (WarmPool<Item> pool = pool(1, Duration.ofMillis(20))) {
            Item only = pool.take();
            CompletableFuture<Item> waiting = CompletableFuture.supplyAsync(() -> {
                try {
                    return pool.take();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            assertThrows(TimeoutException.class, () -> waiting.get(300, TimeUnit.MILLISECONDS), "waits: the one is busy");
            assertFalse(waiting.isDone());
            pool.give(only);
            assertSame(only, waiting.get(5, TimeUnit.SECONDS));
            assertEquals(1, pool.made());
        }
    }

    @Test
    void closingClosesEveryOneMadeBusyOrIdle() throws Exception {
        WarmPool<Item> pool = pool(2, Duration.ofMillis(10));
        Item busy = pool.take();
        Item idle = pool.take();
        pool.give(idle);
        pool.close();
        assertEquals(2, items.size());
        assertTrue(items.stream().allMatch(item -> item.closed == 1), "busy " + busy.closed + ", idle " + idle.closed);
    }

    @Test
    void aPoolOfNoneIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> pool(0, Duration.ofSeconds(1)));
    }
}
