package io.cnnhomework.grader.exercise;

import java.util.SplittableRandom;

/** The order in which the optional task's training visits the rows: a fresh shuffle per epoch. */
public final class BatchOrder {

    private BatchOrder() {
    }

    /**
     * A Fisher–Yates shuffle of {@code 0..n-1} driven by {@code SplittableRandom(seed)} split once
     * per epoch, so epoch k's order depends only on the seed and k.
     *
     * @param seed the run's seed
     * @param epoch the epoch, from 0
     * @param n how many rows
     * @return a permutation of {@code 0..n-1}
     */
    public static int[] shuffled(long seed, int epoch, int n) {
        SplittableRandom random = new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * (epoch + 1)));
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        return order;
    }
}
