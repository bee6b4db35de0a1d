package io.cnnhomework.tensor;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Reductions}' double sums of contiguous floats with the Vector API: a vector of floats
 * of the preferred shape, its two halves widened to doubles of the same shape, which are the
 * eight partial sums of {@link Reductions#sum} (element {@code i} into sum {@code i mod 8}),
 * added at the end in its tree order. The same additions in the same order, so the same bits.
 *
 * <p>Only the preferred shape is used, the matrix product's: a float vector of another shape
 * (a 128-bit load widened to 256 bits of doubles, as this class first did) puts a second vector
 * class into the type profiles of the Vector API's shared methods, and the JIT then compiled the
 * product's register tiles, in some JVMs, with every vector boxed: 90 MB and five times the CPU
 * time per training step ({@code VectorShapeTest} keeps it out).
 */
final class VectorReductions {

    private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Double> DOUBLES = DoubleVector.SPECIES_PREFERRED;

    /** Floats per load: 16 with AVX-512, 8 with AVX2. */
    private static final int STEP = FLOATS.length();

    /** Doubles per half of a load: 8 (one vector holds the eight partial sums) or 4 (two do). */
    private static final int HALF = DOUBLES.length();

    /** With eight lanes: lane j + 4 into lane j (and back), to add the upper four partial sums to the lower. */
    private static final VectorShuffle<Double> UPPER = VectorShuffle.fromOp(DOUBLES, j -> j ^ 4);

    /** Each lane's neighbour: lanes 0 and 1, 2 and 3 swapped. */
    private static final VectorShuffle<Double> NEIGHBOUR = VectorShuffle.fromOp(DOUBLES, j -> j ^ 1);

    /** Lane j + 4 into lane j (wrapping): a window's lower row beside its upper one, rows of four. */
    private static final VectorShuffle<Double> BELOW = VectorShuffle.fromOp(DOUBLES, j -> (j + 4) & 7);

    /** The lower row's neighbour: lane (j ^ 1) + 4 into lane j (wrapping). */
    private static final VectorShuffle<Double> BELOW_NEIGHBOUR = VectorShuffle.fromOp(DOUBLES, j -> ((j ^ 1) + 4) & 7);

    private VectorReductions() {
    }

    /**
     * {@code ((s0 + s4) + (s1 + s5)) + ((s2 + s6) + (s3 + s7))} of the eight partial sums, added
     * within the vectors: two lanes leave them instead of eight (a batch norm's sums run over a
     * thousand rows of 16 or 64 floats, and taking the lanes one by one was a third of each).
     */
    private static double tree(DoubleVector low, DoubleVector high) {
        DoubleVector pairs = HALF == 8 ? low.add(low.rearrange(UPPER)) : low.add(high);
        DoubleVector quads = pairs.add(pairs.rearrange(NEIGHBOUR));
        return quads.lane(0) + quads.lane(2);
    }

    /** Whether these kernels fit this machine's vectors: a load is 8 or 16 floats, half of it that many doubles. */
    static boolean usable() {
        return (STEP == 8 || STEP == 16) && HALF * 2 == STEP;
    }

    private static DoubleVector half(FloatVector x, int part) {
        return (DoubleVector) x.convert(VectorOperators.F2D, part);
    }

    static double sum(float[] data, int from, int n) {
        DoubleVector low = DoubleVector.zero(DOUBLES);
        DoubleVector high = low;
        int i = 0;
        if (HALF == 8) {
            for (; i + STEP <= n; i += STEP) {
                FloatVector x = FloatVector.fromArray(FLOATS, data, from + i);
                low = low.add(half(x, 0)).add(half(x, 1));
            }
        } else {
            for (; i + STEP <= n; i += STEP) {
                FloatVector x = FloatVector.fromArray(FLOATS, data, from + i);
                low = low.add(half(x, 0));
                high = high.add(half(x, 1));
            }
        }
        if (n - i < 8) {
            // no more blocks of eight: the tree of the partial sums, then the last elements in order
            double sum = tree(low, high);
            for (; i < n; i++) {
                sum += data[from + i];
            }
            return sum;
        }
        // The partial sums leave the vectors lane by lane: an array for them would be allocated
        // on every call, a thousand per batch norm.
        return Reductions.sum(data, from, 1, n, i, lane(low, high, 0), lane(low, high, 1), lane(low, high, 2),
                lane(low, high, 3), lane(low, high, 4), lane(low, high, 5), lane(low, high, 6), lane(low, high, 7));
    }

    /**
     * {@link #sum} of two runs of {@code n} floats at once, their additions interleaved: each
     * run's eight partial sums are one chain of dependent additions (a lane adds element
     * {@code i + 8} only after element {@code i}), which leaves the adder waiting; two chains
     * fill the gaps. The sums are those of two calls of {@link #sum}, bit for bit; added to
     * {@code sums[first]}, then to {@code sums[second]}.
     */
    static void addSums(float[] data, int from1, int from2, int n, double[] sums, int first, int second) {
        int blocks = n - n % STEP;
        if (n - blocks >= 8) {
            sums[first] += sum(data, from1, n);
            sums[second] += sum(data, from2, n);
            return;
        }
        DoubleVector low1 = DoubleVector.zero(DOUBLES);
        DoubleVector high1 = low1;
        DoubleVector low2 = low1;
        DoubleVector high2 = low1;
        for (int i = 0; i < blocks; i += STEP) {
            FloatVector x = FloatVector.fromArray(FLOATS, data, from1 + i);
            FloatVector y = FloatVector.fromArray(FLOATS, data, from2 + i);
            if (HALF == 8) {
                low1 = low1.add(half(x, 0)).add(half(x, 1));
                low2 = low2.add(half(y, 0)).add(half(y, 1));
            } else {
                low1 = low1.add(half(x, 0));
                high1 = high1.add(half(x, 1));
                low2 = low2.add(half(y, 0));
                high2 = high2.add(half(y, 1));
            }
        }
        double s1 = tree(low1, high1);
        double s2 = tree(low2, high2);
        for (int i = blocks; i < n; i++) {
            s1 += data[from1 + i];
            s2 += data[from2 + i];
        }
        sums[first] += s1;
        sums[second] += s2;
    }

    /**
     * {@link #squaredDeviation} of two runs at once, as {@link #addSums}: added to
     * {@code squares[first]}, then to {@code squares[second]}.
     */
    static void addSquaredDeviations(float[] data, int from1, int from2, int n, double mean1, double mean2, double[] squares,
                                     int first, int second) {
        int blocks = n - n % STEP;
        if (n - blocks >= 8) {
            squares[first] += squaredDeviation(data, from1, n, mean1);
            squares[second] += squaredDeviation(data, from2, n, mean2);
            return;
        }
        DoubleVector m1 = DoubleVector.broadcast(DOUBLES, mean1);
        DoubleVector m2 = DoubleVector.broadcast(DOUBLES, mean2);
        DoubleVector low1 = DoubleVector.zero(DOUBLES);
        DoubleVector high1 = low1;
        DoubleVector low2 = low1;
        DoubleVector high2 = low1;
        for (int i = 0; i < blocks; i += STEP) {
            FloatVector x = FloatVector.fromArray(FLOATS, data, from1 + i);
            FloatVector y = FloatVector.fromArray(FLOATS, data, from2 + i);
            DoubleVector d0 = half(x, 0).sub(m1);
            DoubleVector d1 = half(x, 1).sub(m1);
            DoubleVector e0 = half(y, 0).sub(m2);
            DoubleVector e1 = half(y, 1).sub(m2);
            if (HALF == 8) {
                low1 = low1.add(d0.mul(d0)).add(d1.mul(d1));
                low2 = low2.add(e0.mul(e0)).add(e1.mul(e1));
            } else {
                low1 = low1.add(d0.mul(d0));
                high1 = high1.add(d1.mul(d1));
                low2 = low2.add(e0.mul(e0));
                high2 = high2.add(e1.mul(e1));
            }
        }
        double s1 = tree(low1, high1);
        double s2 = tree(low2, high2);
        for (int i = blocks; i < n; i++) {
            double d = data[from1 + i] - mean1;
            s1 += d * d;
            double e = data[from2 + i] - mean2;
            s2 += e * e;
        }
        squares[first] += s1;
        squares[second] += s2;
    }

    static double squaredDeviation(float[] data, int from, int n, double mean) {
        DoubleVector m = DoubleVector.broadcast(DOUBLES, mean);
        DoubleVector low = DoubleVector.zero(DOUBLES);
        DoubleVector high = low;
        int i = 0;
        if (HALF == 8) {
            for (; i + STEP <= n; i += STEP) {
                FloatVector x = FloatVector.fromArray(FLOATS, data, from + i);
                DoubleVector d0 = half(x, 0).sub(m);
                DoubleVector d1 = half(x, 1).sub(m);
                low = low.add(d0.mul(d0)).add(d1.mul(d1));
            }
        } else {
            for (; i + STEP <= n; i += STEP) {
                FloatVector x = FloatVector.fromArray(FLOATS, data, from + i);
                DoubleVector d0 = half(x, 0).sub(m);
                DoubleVector d1 = half(x, 1).sub(m);
                low = low.add(d0.mul(d0));
                high = high.add(d1.mul(d1));
            }
        }
        if (n - i < 8) {
            double sum = tree(low, high);
            for (; i < n; i++) {
                double d = data[from + i] - mean;
                sum += d * d;
            }
            return sum;
        }
        return Reductions.squaredDeviation(data, from, 1, n, mean, i, lane(low, high, 0), lane(low, high, 1),
                lane(low, high, 2), lane(low, high, 3), lane(low, high, 4), lane(low, high, 5), lane(low, high, 6),
                lane(low, high, 7));
    }

    /** Partial sum {@code j} of eight: lane j of {@code low}, or with four lanes a vector, lane j - 4 of {@code high}. */
    private static double lane(DoubleVector low, DoubleVector high, int j) {
        return HALF == 8 || j < 4 ? low.lane(j) : high.lane(j - 4);
    }

    /**
     * Whether {@link #windowRows2x2} computes {@code n} windows of 2 x 2 per row, the lower
     * image row {@code au} after the upper and rows {@code ra} apart: a 2 x 2 pooling of
     * contiguous 8 x 8 images (n = 4) or 4 x 4 ones (n = 2), with eight doubles per vector.
     */
    static boolean pools(int n, int au, int ra) {
        return HALF == 8 && STEP == 16 && (n == 4 && au == 8 || n == 2 && au == 4 && ra == 8);
    }

    /**
     * {@link Reductions}' sums of rows of 2 x 2 windows for the layouts of {@link #pools}: the
     * windows of a vector of 16 floats at once, each window's four terms added in a lane in
     * the scalar kernel's order, {@code ((0 + x00) + x01) + x10) + x11} in doubles, so the same
     * bits. Row {@code r} at {@code ia + r * ra}, its sums into {@code out[io + r * ro]}.
     */
    static void windowRows2x2(float[] data, int ia, int ra, int n, int rows, float[] out, int io, int ro) {
        double[] sums = new double[2 * HALF];
        DoubleVector zero = DoubleVector.zero(DOUBLES);
        if (n == 4) {
            // one row of windows per load: eight floats of the upper image row, eight of the lower
            for (int r = 0; r < rows; r++) {
                FloatVector x = FloatVector.fromArray(FLOATS, data, ia + r * ra);
                DoubleVector upper = half(x, 0);
                DoubleVector lower = half(x, 1);
                DoubleVector s = zero.add(upper).add(upper.rearrange(NEIGHBOUR)).add(lower).add(lower.rearrange(NEIGHBOUR));
                s.intoArray(sums, 0);
                int o = io + r * ro;
                out[o] = (float) sums[0];
                out[o + 1] = (float) sums[2];
                out[o + 2] = (float) sums[4];
                out[o + 3] = (float) sums[6];
            }
            return;
        }
        // two rows of windows per load, each half of it an upper image row of four and its lower one
        int r = 0;
        for (; r + 2 <= rows; r += 2) {
            FloatVector x = FloatVector.fromArray(FLOATS, data, ia + r * ra);
            DoubleVector first = half(x, 0);
            DoubleVector second = half(x, 1);
            zero.add(first).add(first.rearrange(NEIGHBOUR)).add(first.rearrange(BELOW)).add(first.rearrange(BELOW_NEIGHBOUR))
                    .intoArray(sums, 0);
            zero.add(second).add(second.rearrange(NEIGHBOUR)).add(second.rearrange(BELOW))
                    .add(second.rearrange(BELOW_NEIGHBOUR)).intoArray(sums, HALF);
            int o = io + r * ro;
            out[o] = (float) sums[0];
            out[o + 1] = (float) sums[2];
            out[o + ro] = (float) sums[HALF];
            out[o + ro + 1] = (float) sums[HALF + 2];
        }
        if (r < rows) {
            Reductions.windowRows2x2(data, ia + r * ra, ra, 4, 2, 1, out, io + r * ro, ro);
        }
    }
}
