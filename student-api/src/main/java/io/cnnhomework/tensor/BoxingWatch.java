package io.cnnhomework.tensor;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * Watches the Vector API matrix product for compiled code that keeps its vectors in objects, and
 * turns that kernel off for the rest of the JVM's life when it does.
 *
 * <p>The product's tiles are fast only when the JIT (C2) keeps their eight accumulators in
 * registers. In some JVMs it does not: depending on what the profiles held when it compiled the
 * tile, it boxes every vector it computes, and the same training step allocates about 48 MB
 * instead of none in the tiles and takes more than twice as long (2 to 5 JVMs in 20 on a 2-core
 * AVX-512 machine; changing the tile's code or the JIT's type speculation made it rarer, never
 * impossible). The plain Java kernel computes the same bits without vectors to box, at about 0.7
 * of the healthy kernel's speed and well above the boxed one's. A program without C2 (the
 * interpreter, or {@code -XX:TieredStopAtLevel=1}) boxes every vector too, and gets the plain
 * kernel the same way.
 *
 * <p>How: after {@link #WARM_UP} products of at least {@link #WATCHED_WORK} multiply-adds (the JIT
 * has compiled the tiles long before), one such product in {@link #EVERY} is sampled: the heap's
 * free memory before and after it. A healthy product allocates nothing (its working arrays are
 * made before it runs), a boxed one several megabytes, which fill the young generation or empty
 * it by a collection; either moves the free memory by more than {@link #ALLOCATION}. After
 * {@link #STRIKES} sampled products in a row that moved it, the watch trips. Other threads that
 * allocate as much while a product runs could trip it too; then the products only get slower,
 * never different.
 *
 * <p>The watch that {@link MatMul} keeps says it tripped in the system property {@value
 * #TRIPPED_PROPERTY}, so that a grader's child JVM that serves one submission after another
 * sees that its products have slowed and hands the next submission to a fresh JVM.
 */
final class BoxingWatch {

    /** Watched products before the first sample: 512, about 170 training steps of the digits network. */
    static final int WARM_UP = 512;

    /** One watched product in this many is sampled. */
    static final int EVERY = 16;

    /** Sampled products in a row that must have allocated before the watch trips. */
    static final int STRIKES = 12;

    /** A sampled product that moves the free heap by more than this (1 MB) allocated. */
    static final long ALLOCATION = 1L << 20;

    /** Products of fewer multiply-adds are not watched: a boxed one allocates too little to tell. */
    static final long WATCHED_WORK = 1L << 20;

    /** What {@link #begin} returns for a product that is not sampled. */
    static final long NOT_SAMPLED = Long.MIN_VALUE;

    /** The system property {@link MatMul}'s watch sets to {@code "true"} when it trips. */
    static final String TRIPPED_PROPERTY = "cnnhomework.tensor.boxing-tripped";

    private final LongSupplier freeMemory;
    private final Runnable onTrip;
    private final AtomicInteger watched = new AtomicInteger();
    private final AtomicInteger strikes = new AtomicInteger();
    private volatile boolean tripped;

    /**
     * @param freeMemory the heap's free bytes
     * @return a watch that sets {@value #TRIPPED_PROPERTY} when it trips
     */
    static BoxingWatch announcing(LongSupplier freeMemory) {
        return new BoxingWatch(freeMemory, () -> System.setProperty(TRIPPED_PROPERTY, "true"));
    }

    /**
     * @param freeMemory the heap's free bytes, {@link Runtime#freeMemory()} outside tests
     * @param onTrip what to do once when the watch trips
     */
    BoxingWatch(LongSupplier freeMemory, Runnable onTrip) {
        this.freeMemory = freeMemory;
        this.onTrip = onTrip;
    }

    /**
     * Before a product of {@code work} multiply-adds.
     *
     * @return the token to hand to {@link #end}, {@link #NOT_SAMPLED} when this one is not sampled
     */
    long begin(long work) {
        if (work < WATCHED_WORK || tripped) {
            return NOT_SAMPLED;
        }
        int count = watched.incrementAndGet();
        return count > WARM_UP && count % EVERY == 0 ? freeMemory.getAsLong() : NOT_SAMPLED;
    }

    /** After the product whose {@link #begin} returned {@code token}. */
    void end(long token) {
        if (token == NOT_SAMPLED) {
            return;
        }
        if (Math.abs(freeMemory.getAsLong() - token) > ALLOCATION) {
            if (strikes.incrementAndGet() == STRIKES) {
                tripped = true;
                onTrip.run();
            }
        } else {
            strikes.set(0);
        }
    }

    /** Whether the Vector API product has been seen boxing, so that the plain kernel runs instead. */
    boolean tripped() {
        return tripped;
    }
}
