package io.cnnhomework.tensor;

import java.util.Arrays;

/**
 * Reductions over a set of dimensions, read straight from a strided view: the elements are
 * visited in storage order and each is added to the accumulator of its group (the output
 * element it reduces into), so nothing is copied or permuted first.
 *
 * <p>Sums are accumulated in double. Within a stretch of one group eight partial sums run side
 * by side (element {@code i} into sum {@code i mod 8}) and are added at the end in a fixed tree:
 * a single chain of dependent double additions would wait on each addition's latency, eight
 * chains keep the adders busy, and eight lanes are what the Vector API kernel
 * ({@link VectorReductions}) adds at once, so both give the same bits. Only the order of the
 * double additions changes, which is far below float resolution.
 */
final class Reductions {

    /** Runs shorter than this are summed by a plain loop: four partial sums do not pay yet. */
    private static final int SHORT = 8;

    /** Runs shorter than this are not worth the vector kernel's set-up. */
    private static final int VECTOR_RUN = 16;

    /** Whether {@link VectorReductions} runs (its class is not touched unless the Vector API is present). */
    private static final boolean VECTOR = Kernels.VECTOR && VectorReductions.usable();

    private Reductions() {
    }

    /**
     * The sum of every group, in double; groups are numbered in row-major order of the kept
     * dimensions.
     */
    static double[] sums(float[] data, int[] shape, int[] strides, int offset, boolean[] reduced, int groups) {
        double[] sums = new double[groups];
        walkSums(data, shape, strides, offset, reduced, sums);
        return sums;
    }

    /**
     * Every group's sum divided by {@code divisor} (1 for the sums, the group size for the
     * means), in double, rounded once to float. A pooling's window sums go straight into the
     * floats, without a double per window in between.
     */
    static float[] floatSums(float[] data, int[] shape, int[] strides, int offset, boolean[] reduced, int groups,
                             double divisor) {
        float[] out = new float[groups];
        if (windowSums(data, shape, strides, offset, reduced, out, divisor)) {
            return out;
        }
        double[] sums = new double[groups];
        walkSums(data, shape, strides, offset, reduced, sums);
        for (int i = 0; i < groups; i++) {
            out[i] = (float) (sums[i] / divisor);
        }
        return out;
    }

    /** Adds every element to its group's sum in {@code sums}. */
    private static void walkSums(float[] data, int[] shape, int[] strides, int offset, boolean[] reduced,
                                 double[] sums) {
        Strided.Runs runs = runs(shape, strides, offset, reduced);
        if (runs == null) {
            return;
        }
        if (runs.so == 0 && runs.ro == 0 && runs.length < SHORT && windowsInside(runs)) {
            // Small windows (a pooling's): a strided loop across the groups per window element
            // instead of a block per window. Each group still adds its elements one by one, in
            // the same order, so the sums are the same.
            runs = runs.longestInside(0);
        }
        do {
            if (runs.so == 0 && runs.ro == 0 && runs.length < SHORT) {
                // The whole block (a small window, say) belongs to one group.
                double s = 0;
                for (int r = 0; r < runs.rows; r++) {
                    int ia = runs.ia + r * runs.ra;
                    for (int i = 0; i < runs.length; i++) {
                        s += data[ia + i * runs.sa];
                    }
                }
                sums[runs.io] += s;
                continue;
            }
            int r = 0;
            if (runs.so == 0 && pairs(runs)) {
                for (; r + 2 <= runs.rows; r += 2) {
                    int ia = runs.ia + r * runs.ra;
                    int io = runs.io + r * runs.ro;
                    VectorReductions.addSums(data, ia, ia + runs.ra, runs.length, sums, io, io + runs.ro);
                }
            }
            for (; r < runs.rows; r++) {
                int ia = runs.ia + r * runs.ra;
                int io = runs.io + r * runs.ro;
                if (runs.so == 0) {
                    sums[io] += sum(data, ia, runs.sa, runs.length);
                } else {
                    for (int i = 0; i < runs.length; i++) {
                        sums[io + i * runs.so] += data[ia + i * runs.sa];
                    }
                }
            }
        } while (runs.next());
    }

    /**
     * Whether rows of these runs (each run within one group) are summed two at a time by
     * {@link VectorReductions}: contiguous runs long enough for its vectors, at least two rows.
     */
    private static boolean pairs(Strided.Runs runs) {
        return VECTOR && runs.sa == 1 && runs.length >= VECTOR_RUN && runs.rows >= 2;
    }

    /** Per group, the sum of squared deviations from {@code means[group]}, in double. */
    static double[] squaredDeviations(float[] data, int[] shape, int[] strides, int offset, boolean[] reduced,
                                      double[] means) {
        double[] squares = new double[means.length];
        Strided.Runs runs = runs(shape, strides, offset, reduced);
        if (runs == null) {
            return squares;
        }
        do {
            int r = 0;
            if (runs.so == 0 && pairs(runs)) {
                for (; r + 2 <= runs.rows; r += 2) {
                    int ia = runs.ia + r * runs.ra;
                    int io = runs.io + r * runs.ro;
                    VectorReductions.addSquaredDeviations(data, ia, ia + runs.ra, runs.length, means[io], means[io + runs.ro],
                            squares, io, io + runs.ro);
                }
            }
            for (; r < runs.rows; r++) {
                int ia = runs.ia + r * runs.ra;
                int io = runs.io + r * runs.ro;
                if (runs.so == 0) {
                    squares[io] += squaredDeviation(data, ia, runs.sa, runs.length, means[io]);
                } else {
                    for (int i = 0; i < runs.length; i++) {
                        int g = io + i * runs.so;
                        double d = data[ia + i * runs.sa] - means[g];
                        squares[g] += d * d;
                    }
                }
            }
        } while (runs.next());
        return squares;
    }

    /**
     * The largest (or smallest) element of every group; NaN if the group holds one. The groups
     * must not be empty. {@link Math#max} is commutative and associative, NaN and signed zeros
     * included, so the visiting order does not matter.
     */
    static float[] extremes(float[] data, int[] shape, int[] strides, int offset, boolean[] reduced, int groups,
                            boolean largest) {
        float[] best = new float[groups];
        Arrays.fill(best, largest ? Float.NEGATIVE_INFINITY : Float.POSITIVE_INFINITY);
        Strided.Runs runs = runs(shape, strides, offset, reduced);
        if (runs == null) {
            return best;
        }
        do {
            for (int r = 0; r < runs.rows; r++) {
                int ia = runs.ia + r * runs.ra;
                int io = runs.io + r * runs.ro;
                if (runs.so == 0) {
                    float x = largest ? max(data, ia, runs.sa, runs.length) : min(data, ia, runs.sa, runs.length);
                    best[io] = largest ? Math.max(best[io], x) : Math.min(best[io], x);
                } else {
                    for (int i = 0; i < runs.length; i++) {
                        int g = io + i * runs.so;
                        float x = data[ia + i * runs.sa];
                        best[g] = largest ? Math.max(best[g], x) : Math.min(best[g], x);
                    }
                }
            }
        } while (runs.next());
        return best;
    }

    /**
     * Sums of small windows that are the last one or two dimensions (a pooling's, over unfolded
     * views; rows shorter than {@link #SHORT}): one group after the other, each window added element by element in row-major order
     * from zero, as the general walk adds them, with the innermost kept dimension as a loop so
     * that nothing is counted per window. Each group is one window, visited once: its sum,
     * divided by {@code divisor}, goes into {@code out}. False (and nothing done) for any other
     * reduction.
     */
    private static boolean windowSums(float[] data, int[] shape, int[] strides, int offset, boolean[] reduced,
                                      float[] out, double divisor) {
        int rank = shape.length;
        int[] size = new int[rank];
        int[] a = new int[rank];
        int[] o = new int[rank];
        int r = Strided.Runs.merge(shape, strides, strides, groupStrides(shape, reduced), size, a, a.clone(), o);
        if (r < 0) {
            return false;
        }
        int window = r - 1;
        while (window >= 0 && o[window] == 0) {
            window--;
        }
        int t = r - 1 - window;
        if (t < 1 || t > 2 || window < 0) {
            return false;
        }
        int cells = 1;
        for (int d = window + 1; d < r; d++) {
            cells *= size[d];
        }
        for (int d = 0; d <= window; d++) {
            if (o[d] == 0) {
                return false;
            }
        }
        // Runs as short as SHORT are added one by one by the general walk too (longer ones in
        // eight lanes): the same order, so the same bits.
        if (size[r - 1] >= SHORT || cells > 64) {
            return false;
        }
        int n = size[window];
        int an = a[window];
        int on = o[window];
        int wu = t == 2 ? size[r - 2] : 1;
        int au = t == 2 ? a[r - 2] : 0;
        int wv = size[r - 1];
        int av = a[r - 1];
        // The kept dimension outside the windows' row, if any, is a loop of the kernel too: a
        // pooling's rows of windows are short (4 across an 8 x 8 image), and walking the counter
        // once per row cost more than the row's sums.
        int rowDim = window - 1;
        int rows = rowDim >= 0 ? size[rowDim] : 1;
        int ra = rowDim >= 0 ? a[rowDim] : 0;
        int ro = rowDim >= 0 ? o[rowDim] : 0;
        int[] counter = new int[Math.max(rowDim, 0)];
        int ia = offset;
        int io = 0;
        boolean pairs = wu == 2 && wv == 2 && divisor == 1 && an == 2 && av == 1 && on == 1 && (n == 2 || n == 4);
        boolean vectorPools = pairs && VECTOR && VectorReductions.pools(n, au, ra);
        while (true) {
            if (vectorPools) {
                VectorReductions.windowRows2x2(data, ia, ra, n, rows, out, io, ro);
            } else if (pairs) {
                windowRows2x2(data, ia, ra, au, n, rows, out, io, ro);
            } else for (int row = 0; row < rows; row++) {
                if (wu == 2 && wv == 2 && divisor == 1) {
                    windows2x2(data, ia + row * ra, an, au, av, n, out, io + row * ro, on);
                } else {
                    windows(data, ia + row * ra, an, au, av, wu, wv, n, out, io + row * ro, on, divisor);
                }
            }
            int d = rowDim - 1;
            for (; d >= 0; d--) {
                ia += a[d];
                io += o[d];
                if (++counter[d] < size[d]) {
                    break;
                }
                ia -= a[d] * size[d];
                io -= o[d] * size[d];
                counter[d] = 0;
            }
            if (d < 0) {
                return true;
            }
        }
    }

    /**
     * The sums of {@code n} windows of 2 x 2 (a pooling's), window {@code j} at
     * {@code ia + j * an} into {@code out[io + j * on]}, two at a time: two chains of dependent
     * double additions in flight instead of one, which is what their latency allows. Each
     * starts from +0, so it is never -0 and equals the general walk's {@code 0 + s}.
     */
    private static void windows2x2(float[] data, int ia, int an, int au, int av, int n, float[] out, int io,
                                   int on) {
        int j = 0;
        for (; j + 2 <= n; j += 2) {
            int b0 = ia + j * an;
            int b1 = b0 + an;
            double s0 = 0;
            double s1 = 0;
            s0 += data[b0];
            s1 += data[b1];
            s0 += data[b0 + av];
            s1 += data[b1 + av];
            s0 += data[b0 + au];
            s1 += data[b1 + au];
            s0 += data[b0 + au + av];
            s1 += data[b1 + au + av];
            out[io + j * on] = (float) s0;
            out[io + (j + 1) * on] = (float) s1;
        }
        if (j < n) {
            windows(data, ia + j * an, an, au, av, 2, 2, 1, out, io + j * on, on, 1);
        }
    }

    /**
     * {@link #windows2x2} over {@code rows} rows of 2 or 4 adjacent windows (a 2 x 2 pooling of
     * an 8 x 8 or 4 x 4 image): row {@code r} at {@code ia + r * ra} into
     * {@code out[io + r * ro]}, each window summed in the same order. The row is written out: a
     * counted loop of one or two turns cost more to set up, per row, than its sums.
     */
    static void windowRows2x2(float[] data, int ia, int ra, int au, int n, int rows, float[] out, int io,
                                      int ro) {
        for (int r = 0; r < rows; r++) {
            int b0 = ia + r * ra;
            int o = io + r * ro;
            double s0 = 0;
            double s1 = 0;
            s0 += data[b0];
            s1 += data[b0 + 2];
            s0 += data[b0 + 1];
            s1 += data[b0 + 3];
            s0 += data[b0 + au];
            s1 += data[b0 + au + 2];
            s0 += data[b0 + au + 1];
            s1 += data[b0 + au + 3];
            out[o] = (float) s0;
            out[o + 1] = (float) s1;
            if (n == 4) {
                double s2 = 0;
                double s3 = 0;
                s2 += data[b0 + 4];
                s3 += data[b0 + 6];
                s2 += data[b0 + 5];
                s3 += data[b0 + 7];
                s2 += data[b0 + au + 4];
                s3 += data[b0 + au + 6];
                s2 += data[b0 + au + 5];
                s3 += data[b0 + au + 7];
                out[o + 2] = (float) s2;
                out[o + 3] = (float) s3;
            }
        }
    }

    /** {@link #windows2x2} for windows of {@code wu x wv}, each sum divided by {@code divisor}. */
    private static void windows(float[] data, int ia, int an, int au, int av, int wu, int wv, int n, float[] out,
                                int io, int on, double divisor) {
        for (int j = 0; j < n; j++) {
            int base = ia + j * an;
            double s = 0;
            for (int u = 0; u < wu; u++) {
                for (int v = 0; v < wv; v++) {
                    s += data[base + u * au + v * av];
                }
            }
            out[io + j * on] = (float) (s / divisor);
        }
    }

    /** Whether each block of these runs holds whole groups: no dimension outside it is reduced. */
    private static boolean windowsInside(Strided.Runs runs) {
        for (int stride : runs.outerOutputStrides()) {
            if (stride == 0) {
                return false;
            }
        }
        return true;
    }

    /** Runs over the input whose output offsets number the groups (stride 0 over reduced dims). */
    private static Strided.Runs runs(int[] shape, int[] strides, int offset, boolean[] reduced) {
        return Strided.Runs.of(shape, strides, offset, strides, offset, groupStrides(shape, reduced), 0);
    }

    /** The group (output element) of each index: row-major over the kept dimensions, 0 over reduced ones. */
    private static int[] groupStrides(int[] shape, boolean[] reduced) {
        int[] groupStrides = new int[shape.length];
        int stride = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            if (!reduced[d]) {
                groupStrides[d] = stride;
                stride *= Math.max(shape[d], 1);
            }
        }
        return groupStrides;
    }

    /** Four running maxima, for the same reason as the four partial sums: latency. */
    private static float max(float[] data, int from, int stride, int n) {
        float b0 = Float.NEGATIVE_INFINITY;
        float b1 = Float.NEGATIVE_INFINITY;
        float b2 = Float.NEGATIVE_INFINITY;
        float b3 = Float.NEGATIVE_INFINITY;
        int i = 0;
        for (; i + 4 <= n; i += 4) {
            int at = from + i * stride;
            b0 = Math.max(b0, data[at]);
            b1 = Math.max(b1, data[at + stride]);
            b2 = Math.max(b2, data[at + 2 * stride]);
            b3 = Math.max(b3, data[at + 3 * stride]);
        }
        for (; i < n; i++) {
            b0 = Math.max(b0, data[from + i * stride]);
        }
        return Math.max(Math.max(b0, b1), Math.max(b2, b3));
    }

    private static float min(float[] data, int from, int stride, int n) {
        float b0 = Float.POSITIVE_INFINITY;
        float b1 = Float.POSITIVE_INFINITY;
        float b2 = Float.POSITIVE_INFINITY;
        float b3 = Float.POSITIVE_INFINITY;
        int i = 0;
        for (; i + 4 <= n; i += 4) {
            int at = from + i * stride;
            b0 = Math.min(b0, data[at]);
            b1 = Math.min(b1, data[at + stride]);
            b2 = Math.min(b2, data[at + 2 * stride]);
            b3 = Math.min(b3, data[at + 3 * stride]);
        }
        for (; i < n; i++) {
            b0 = Math.min(b0, data[from + i * stride]);
        }
        return Math.min(Math.min(b0, b1), Math.min(b2, b3));
    }

    /**
     * The sum of {@code n} elements {@code stride} apart in double: eight partial sums, element
     * {@code i} of the first {@code n - n % 8} into sum {@code i % 8}, added as
     * {@code ((s0 + s4) + (s1 + s5)) + ((s2 + s6) + (s3 + s7))}, then the remaining elements one
     * by one. {@link VectorReductions#sum} keeps exactly this order.
     */
    static double sum(float[] data, int from, int stride, int n) {
        if (stride == 1 && n >= VECTOR_RUN && VECTOR) {
            return VectorReductions.sum(data, from, n);
        }
        return sum(data, from, stride, n, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    /**
     * {@link #sum(float[], int, int, int)} from element {@code i} (a multiple of 8) on, the
     * eight partial sums of the elements before it given: where {@link VectorReductions} leaves
     * off.
     */
    static double sum(float[] data, int from, int stride, int n, int i,
                      double s0, double s1, double s2, double s3, double s4, double s5, double s6, double s7) {
        for (; i + 8 <= n; i += 8) {
            int at = from + i * stride;
            s0 += data[at];
            s1 += data[at + stride];
            s2 += data[at + 2 * stride];
            s3 += data[at + 3 * stride];
            s4 += data[at + 4 * stride];
            s5 += data[at + 5 * stride];
            s6 += data[at + 6 * stride];
            s7 += data[at + 7 * stride];
        }
        double s = ((s0 + s4) + (s1 + s5)) + ((s2 + s6) + (s3 + s7));
        for (; i < n; i++) {
            s += data[from + i * stride];
        }
        return s;
    }

    /** The sum of {@code (x - mean)^2} over the elements, in the order of {@link #sum}. */
    static double squaredDeviation(float[] data, int from, int stride, int n, double mean) {
        if (stride == 1 && n >= VECTOR_RUN && VECTOR) {
            return VectorReductions.squaredDeviation(data, from, n, mean);
        }
        return squaredDeviation(data, from, stride, n, mean, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    /**
     * {@link #squaredDeviation(float[], int, int, int, double)} from element {@code i} (a
     * multiple of 8) on, the eight partial sums of the elements before it given.
     */
    static double squaredDeviation(float[] data, int from, int stride, int n, double mean, int i,
                                   double s0, double s1, double s2, double s3,
                                   double s4, double s5, double s6, double s7) {
        for (; i + 8 <= n; i += 8) {
            int at = from + i * stride;
            double d0 = data[at] - mean;
            double d1 = data[at + stride] - mean;
            double d2 = data[at + 2 * stride] - mean;
            double d3 = data[at + 3 * stride] - mean;
            double d4 = data[at + 4 * stride] - mean;
            double d5 = data[at + 5 * stride] - mean;
            double d6 = data[at + 6 * stride] - mean;
            double d7 = data[at + 7 * stride] - mean;
            s0 += d0 * d0;
            s1 += d1 * d1;
            s2 += d2 * d2;
            s3 += d3 * d3;
            s4 += d4 * d4;
            s5 += d5 * d5;
            s6 += d6 * d6;
            s7 += d7 * d7;
        }
        double s = ((s0 + s4) + (s1 + s5)) + ((s2 + s6) + (s3 + s7));
        for (; i < n; i++) {
            double d = data[from + i * stride] - mean;
            s += d * d;
        }
        return s;
    }
}
