package io.cnnhomework.grader.isolation;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which children the pool keeps for the next submission, and which it ends; stand-in processes play the children. */
class ChildPoolTest {

    private static final List<String> KEY = List.of("java", "-Xmx256m");
    private static final List<String> OTHER = List.of("java", "-Xmx512m");

    private static ChildProcess standIn() {
        return ChildProcess.start(List.of("cat"), new CappedOutput(1024)); // ends when its input closes, as a child does
    }

    @Test
    void keepsAsManyIdleChildrenAsJobsAndHandsThemOnlyToRunnersOfTheSameCommandLine() {
        try (ChildPool pool = new ChildPool(1)) {
            ChildProcess kept = standIn();
            ChildProcess surplus = standIn();
            pool.give(KEY, kept);
            pool.give(KEY, surplus);

            assertTrue(kept.process.isAlive());
            assertFalse(surplus.process.isAlive(), "the pool is full: the second one ends");
            assertNull(pool.take(OTHER), "children of other limits are not alike");
            assertSame(kept, pool.take(KEY));
            assertNull(pool.take(KEY), "taken");
            kept.kill();
        }
    }

    @Test
    void aChildThatEndedOrServedItsShareIsNotHandedOut() {
        try (ChildPool pool = new ChildPool(2)) {
            ChildProcess ended = standIn();
            pool.give(KEY, ended);
            ended.process.destroyForcibly();
            assertTrue(waitForEnd(ended));
            assertNull(pool.take(KEY));

            ChildProcess veteran = standIn();
            for (int i = 1; i < ChildPool.SUBMISSIONS_PER_CHILD; i++) {
                veteran.serve(new CappedOutput(1024));
            }
            pool.give(KEY, veteran);
            assertFalse(veteran.process.isAlive(), "retired after " + ChildPool.SUBMISSIONS_PER_CHILD + " submissions");
            assertNull(pool.take(KEY));
        }
    }

    @Test
    void closingEndsTheIdleChildrenAndThoseGivenBackLater() {
        ChildPool pool = new ChildPool(2);
        ChildProcess idle = standIn();
        ChildProcess busy = standIn();
        pool.give(KEY, idle);

        pool.close();
        pool.give(KEY, busy);

        assertFalse(idle.process.isAlive());
        assertFalse(busy.process.isAlive());
        assertThrows(IllegalArgumentException.class, () -> new ChildPool(0));
    }

    private static boolean waitForEnd(ChildProcess child) {
        try {
            return child.process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
