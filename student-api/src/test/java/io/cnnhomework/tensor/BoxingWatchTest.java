package io.cnnhomework.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BoxingWatchTest {

    /** A heap whose free memory the test moves, as products that allocate would. */
    private long free = 1L << 30;

    private int trips;

    private final BoxingWatch watch = new BoxingWatch(() -> free, () -> trips++);

    /** One watched product that allocates {@code bytes} while it runs. */
    private void product(long bytes) {
        long token = watch.begin(BoxingWatch.WATCHED_WORK);
        free -= bytes;
        watch.end(token);
    }

    private void products(int count, long bytes) {
        for (int i = 0; i < count; i++) {
            product(bytes);
        }
    }

    @Test
    void productsThatAllocateNothingNeverTripIt() {
        products(100_000, 0);
        assertFalse(watch.tripped());
    }

    @Test
    void productsThatAllocateMegabytesTripItOnceTheJitHasHadItsWarmUp() {
        products(BoxingWatch.WARM_UP, 30L << 20);
        assertFalse(watch.tripped(), "the interpreter and C1 box every vector before C2 compiles the tiles");
        products(BoxingWatch.EVERY * BoxingWatch.STRIKES - 1, 30L << 20);
        assertFalse(watch.tripped(), "one sampled product short of the strikes");
        assertEquals(0, trips);
        product(30L << 20);
        assertTrue(watch.tripped());
        assertEquals(1, trips);
        assertEquals(BoxingWatch.NOT_SAMPLED, watch.begin(BoxingWatch.WATCHED_WORK), "nothing is sampled once tripped");
        products(BoxingWatch.EVERY * BoxingWatch.STRIKES, 30L << 20);
        assertEquals(1, trips, "said once");
    }

    @Test
    void theProductsWatchSaysInASystemPropertyThatItTripped() {
        BoxingWatch announcing = BoxingWatch.announcing(() -> free);
        try {
            for (int i = 0; i < BoxingWatch.WARM_UP + BoxingWatch.EVERY * BoxingWatch.STRIKES; i++) {
                long token = announcing.begin(BoxingWatch.WATCHED_WORK);
                assertEquals(null, System.getProperty(BoxingWatch.TRIPPED_PROPERTY));
                free -= 30L << 20;
                announcing.end(token);
            }
            assertTrue(announcing.tripped());
            assertEquals("true", System.getProperty(BoxingWatch.TRIPPED_PROPERTY));
        } finally {
            System.clearProperty(BoxingWatch.TRIPPED_PROPERTY);
        }
    }

    @Test
    void aCollectionInsideTheProductCountsAsAllocationToo() {
        products(BoxingWatch.WARM_UP, 0);
        for (int i = 0; i < BoxingWatch.EVERY * BoxingWatch.STRIKES; i++) {
            product(-(8L << 20));   // the young generation emptied: more free memory after than before
        }
        assertTrue(watch.tripped());
    }

    @Test
    void oneCleanSampleStartsTheCountAgain() {
        products(BoxingWatch.WARM_UP, 0);
        products(BoxingWatch.EVERY * (BoxingWatch.STRIKES - 1), 30L << 20);
        products(BoxingWatch.EVERY, 0);
        products(BoxingWatch.EVERY * (BoxingWatch.STRIKES - 1), 30L << 20);
        assertFalse(watch.tripped());
        products(BoxingWatch.EVERY, 30L << 20);
        assertTrue(watch.tripped());
    }

    @Test
    void smallAllocationsAndSmallProductsAreNotEvidence() {
        products(BoxingWatch.WARM_UP + 10_000, BoxingWatch.ALLOCATION);   // a TLAB's worth, not a megabyte more
        assertFalse(watch.tripped());
        for (int i = 0; i < 100_000; i++) {
            long token = watch.begin(BoxingWatch.WATCHED_WORK - 1);
            assertEquals(BoxingWatch.NOT_SAMPLED, token);
            free -= 30L << 20;
            watch.end(token);
        }
        assertFalse(watch.tripped());
    }
}
