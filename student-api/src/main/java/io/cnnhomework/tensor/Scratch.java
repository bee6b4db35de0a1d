package io.cnnhomework.tensor;

/**
 * Working arrays that a kernel needs only while it runs, kept per thread and reused. A fresh
 * array of a few hundred kilobytes costs about as much to hand out (the collector zeroes
 * memory that is no longer in any cache) as the arithmetic done in it, and it brings the next
 * collection closer; one reused array stays in the caches. Nothing is kept from one call to the
 * next but the memory: every kernel writes what it reads.
 */
final class Scratch {

    private static final ThreadLocal<float[]> PANEL = ThreadLocal.withInitial(() -> new float[0]);
    private static final ThreadLocal<float[]> ROWS = ThreadLocal.withInitial(() -> new float[0]);

    private Scratch() {
    }

    /**
     * This thread's panel array for a matrix product, at least {@code size} long. It must not be
     * held after the product returns, nor used by two products at once on one thread.
     */
    static float[] panel(int size) {
        return atLeast(PANEL, size);
    }

    /**
     * This thread's array for the packed rows of A in a matrix product, at least {@code size}
     * long; the same rules as {@link #panel}.
     */
    static float[] rows(int size) {
        return atLeast(ROWS, size);
    }

    /** This thread's array of {@code arrays}, replaced by a longer one if shorter than {@code size}. */
    private static float[] atLeast(ThreadLocal<float[]> arrays, int size) {
        float[] array = arrays.get();
        if (array.length < size) {
            array = new float[size];
            arrays.set(array);
        }
        return array;
    }
}
