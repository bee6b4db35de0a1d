package io.cnnhomework.tensor;

import java.util.Arrays;

/**
 * Walks up to three strided views of one iteration shape in row-major order, in <em>runs</em>:
 * stretches along the innermost dimension that a kernel processes with plain index arithmetic.
 * Adjacent dimensions that are laid out one after the other in every operand are merged first,
 * so contiguous operands become a single run and the per-run overhead vanishes next to the loop
 * itself. Runs come in blocks of {@code rows} (the next dimension out), walked by a plain loop,
 * because the short runs of convolution windows (3 or 8 elements) would otherwise spend more
 * time in the odometer than in the kernel.
 */
final class Strided {

    /** Runs shorter than this are walked by one plain loop per block rather than a call per run. */
    private static final int SHORT_RUN = 16;

    /** Runs from which the element-wise kernels use the Vector API, where it is present. */
    private static final int VECTOR_RUN = 16;

    /**
     * Runs from which the JIT's own vector loops are left to do the arithmetic: from about a
     * thousand elements on they measured faster than the Vector API's.
     */
    private static final int LONG_RUN = 1024;

    /** Below this length a plain loop copies faster than the call into {@code System.arraycopy}. */
    private static final int SHORT_COPY = 16;

    private Strided() {
    }

    /**
     * {@code out = a (op) b} element-wise over {@code shape}; operand {@code k} is found at
     * {@code offset_k + sum(index[d] * strides_k[d])}. {@code out} may be {@code a} itself with
     * the same strides and offset (an in-place update).
     */
    static void apply(BinaryOp op, int[] shape,
                      float[] a, int[] stridesA, int offsetA,
                      float[] b, int[] stridesB, int offsetB,
                      float[] out, int[] stridesOut, int offsetOut) {
        Runs runs = Runs.longestInside(shape, stridesA, offsetA, stridesB, offsetB, stridesOut, offsetOut);
        if (runs == null) {
            return;
        }
        do {
            op.block(a, runs.ia, runs.sa, runs.ra, b, runs.ib, runs.sb, runs.rb,
                    out, runs.io, runs.so, runs.ro, runs.length, runs.rows);
        } while (runs.next());
    }

    /**
     * Whether the merged dimensions are a nearest-neighbour upsampling into a contiguous
     * destination: {@code [rows,] planes, w, 2} with source strides {@code [w,] 0, 1, 0}, every
     * element of a contiguous row of {@code w} written twice, that row of {@code 2w} repeated
     * {@code planes} times (an average pooling's gradient spread over its windows, made with
     * {@code unsqueeze}, {@code expand} and {@code reshape}).
     */
    private static boolean repeatsPairs(int[] size, int[] ss, int[] ds, int r) {
        if (r != 3 && r != 4 || size[r - 1] != 2 || ss[r - 1] != 0 || ds[r - 1] != 1) {
            return false;
        }
        int w = size[r - 2];
        int planes = size[r - 3];
        boolean inner = ss[r - 2] == 1 && ds[r - 2] == 2 && ss[r - 3] == 0 && ds[r - 3] == 2 * w;
        return inner && (r == 3 || ss[0] == w && ds[0] == planes * 2 * w);
    }

    /**
     * {@code count} source rows of {@code w} floats, one after another, each into {@code planes}
     * destination rows of {@code 2w} floats in which every element appears twice: the first
     * written element by element, the others copied from it. The indices are constant
     * multiples of the loops', so the JIT checks the bounds once per row instead of per element,
     * and no counter over the dimensions runs per row. Rows of four and of two repeated twice
     * (the digits network's 2 x 2 poolings) are written out with constant offsets: the gradient
     * of conv1's pooling ([64, 16, 4, 4] to [64, 16, 8, 8]) took 56 µs through the general copy,
     * 50 µs with the loop below, 22 µs so.
     */
    private static void repeatPairs(float[] src, int is, float[] dst, int id, int count, int w, int planes) {
        if (planes == 2 && w == 4) {
            // 2 x 2 windows over rows of four (conv1's pooling): sixteen constant offsets per row.
            for (int o = 0; o < count; o++) {
                int s = is + o * 4;
                int d = id + o * 16;
                float v0 = src[s];
                float v1 = src[s + 1];
                float v2 = src[s + 2];
                float v3 = src[s + 3];
                for (int p = 0; p < 16; p += 8) {
                    dst[d + p] = v0;
                    dst[d + p + 1] = v0;
                    dst[d + p + 2] = v1;
                    dst[d + p + 3] = v1;
                    dst[d + p + 4] = v2;
                    dst[d + p + 5] = v2;
                    dst[d + p + 6] = v3;
                    dst[d + p + 7] = v3;
                }
            }
            return;
        }
        if (planes == 2 && w == 2) {
            for (int o = 0; o < count; o++) {
                int s = is + o * 2;
                int d = id + o * 8;
                float v0 = src[s];
                float v1 = src[s + 1];
                dst[d] = v0;
                dst[d + 1] = v0;
                dst[d + 2] = v1;
                dst[d + 3] = v1;
                dst[d + 4] = v0;
                dst[d + 5] = v0;
                dst[d + 6] = v1;
                dst[d + 7] = v1;
            }
            return;
        }
        int row = 2 * w;
        for (int o = 0; o < count; o++) {
            int s = is + o * w;
            int d = id + o * planes * row;
            for (int j = 0; j < w; j++) {
                float v = src[s + j];
                dst[d + 2 * j] = v;
                dst[d + 2 * j + 1] = v;
            }
            for (int p = 1; p < planes; p++) {
                System.arraycopy(dst, d, dst, d + p * row, row);
            }
        }
    }

    /**
     * {@code dst = src} element-wise over {@code shape}, each read through its own strides, in
     * the destination's order. Short runs (the 3 or 4 elements of an im2col window's row, the
     * rows of a padded image) are copied by three nested loops over the innermost dimensions, so
     * that the bookkeeping between dimensions happens once per block of planes, not per run; the
     * writes stay sequential and the reads stay within a few cache lines of each other.
     */
    static void copy(int[] shape, float[] src, int[] srcStrides, int srcOffset,
                     float[] dst, int[] dstStrides, int dstOffset) {
        int rank = shape.length;
        int[] size = new int[rank];
        int[] ss = new int[rank];
        int[] ds = new int[rank];
        int r = Runs.merge(shape, srcStrides, srcStrides, dstStrides, size, ss, ss.clone(), ds);
        if (r < 0) {
            return;
        }
        if (r == 0) {
            dst[dstOffset] = src[srcOffset];
            return;
        }
        if (repeatsPairs(size, ss, ds, r)) {
            repeatPairs(src, srcOffset, dst, dstOffset, r == 4 ? size[0] : 1, size[r - 2], size[r - 3]);
            return;
        }
        if (size[r - 1] >= SHORT_RUN) {
            Runs runs = new Runs(size, ss, ss, ds, r, srcOffset, srcOffset, dstOffset);
            do {
                for (int q = 0; q < runs.rows; q++) {
                    copyRun(src, runs.ia + q * runs.ra, runs.sa, dst, runs.io + q * runs.ro, runs.so, runs.length);
                }
            } while (runs.next());
            return;
        }
        // Three innermost dimensions as loops (padded with size-1 dimensions), the rest counted.
        int inner = Math.min(r, 3);
        int outer = r - inner;
        int n = size[r - 1];
        int sn = ss[r - 1];
        int dn = ds[r - 1];
        int rows = inner >= 2 ? size[r - 2] : 1;
        int sr = inner >= 2 ? ss[r - 2] : 0;
        int dr = inner >= 2 ? ds[r - 2] : 0;
        int planes = inner >= 3 ? size[r - 3] : 1;
        int sp = inner >= 3 ? ss[r - 3] : 0;
        int dp = inner >= 3 ? ds[r - 3] : 0;
        int[] counter = new int[outer];
        int is = srcOffset;
        int id = dstOffset;
        boolean vectorWindows = Kernels.VECTOR && sn == 1 && dn == 1 && VectorWindows.copiesWindows(n, rows, sr, dr);
        while (true) {
            if (vectorWindows) {
                VectorWindows.copyWindows(src, is, sp, sr, dst, id, dp, planes, rows, n);
            } else if (sn == 1 && dn == 1) {
                copyBlock(src, is, sp, sr, dst, id, dp, dr, planes, rows, n);
            } else if (sn == 0 && dn == 1 && n == 2) {
                // An expanded view (an avg-pool's gradient spread over its 2 x 2 windows).
                for (int p = 0; p < planes; p++) {
                    for (int q = 0; q < rows; q++) {
                        int to = id + p * dp + q * dr;
                        float v = src[is + p * sp + q * sr];
                        dst[to] = v;
                        dst[to + 1] = v;
                    }
                }
            } else {
                for (int p = 0; p < planes; p++) {
                    for (int q = 0; q < rows; q++) {
                        int from = is + p * sp + q * sr;
                        int to = id + p * dp + q * dr;
                        for (int i = 0; i < n; i++) {
                            dst[to + i * dn] = src[from + i * sn];
                        }
                    }
                }
            }
            int d = outer - 1;
            for (; d >= 0; d--) {
                is += ss[d];
                id += ds[d];
                if (++counter[d] < size[d]) {
                    break;
                }
                is -= ss[d] * size[d];
                id -= ds[d] * size[d];
                counter[d] = 0;
            }
            if (d < 0) {
                return;
            }
        }
    }

    /**
     * {@code planes × rows} rows of {@code n < 16} contiguous elements. The rows of a
     * convolution's windows are 2 to 8 wide, and a counted loop that short spends more on its
     * set-up (the JIT prepares it for vectors) than on the copy; written out element by element,
     * each access had its own bounds check (the strides are not constants the JIT could check
     * once per loop). A {@code System.arraycopy} of a constant length up to 8 is compiled into
     * plain loads and stores with one check per side: conv2's im2col took 88 µs instead of 123.
     * The length is made a constant by one branch per width, chosen once per block.
     */
    private static void copyBlock(float[] src, int is, int sp, int sr, float[] dst, int id, int dp, int dr,
                                  int planes, int rows, int n) {
        switch (n) {
            case 2 -> {
                for (int p = 0; p < planes; p++) {
                    for (int q = 0; q < rows; q++) {
                        System.arraycopy(src, is + p * sp + q * sr, dst, id + p * dp + q * dr, 2);
                    }
                }
            }
            case 3 -> {
                for (int p = 0; p < planes; p++) {
                    for (int q = 0; q < rows; q++) {
                        System.arraycopy(src, is + p * sp + q * sr, dst, id + p * dp + q * dr, 3);
                    }
                }
            }
            case 4 -> {
                if (rows == 4 && dr == 4) {
                    // 4 x 4 windows into 16 contiguous floats (conv2's im2col): one turn per plane
                    for (int p = 0; p < planes; p++) {
                        int from = is + p * sp;
                        int to = id + p * dp;
                        System.arraycopy(src, from, dst, to, 4);
                        System.arraycopy(src, from + sr, dst, to + 4, 4);
                        System.arraycopy(src, from + 2 * sr, dst, to + 8, 4);
                        System.arraycopy(src, from + 3 * sr, dst, to + 12, 4);
                    }
                    return;
                }
                for (int p = 0; p < planes; p++) {
                    for (int q = 0; q < rows; q++) {
                        System.arraycopy(src, is + p * sp + q * sr, dst, id + p * dp + q * dr, 4);
                    }
                }
            }
            case 5 -> {
                for (int p = 0; p < planes; p++) {
                    for (int q = 0; q < rows; q++) {
                        System.arraycopy(src, is + p * sp + q * sr, dst, id + p * dp + q * dr, 5);
                    }
                }
            }
            case 8 -> {
                for (int p = 0; p < planes; p++) {
                    for (int q = 0; q < rows; q++) {
                        System.arraycopy(src, is + p * sp + q * sr, dst, id + p * dp + q * dr, 8);
                    }
                }
            }
            default -> {
                for (int p = 0; p < planes; p++) {
                    for (int q = 0; q < rows; q++) {
                        int from = is + p * sp + q * sr;
                        int to = id + p * dp + q * dr;
                        for (int i = 0; i < n; i++) {
                            dst[to + i] = src[from + i];
                        }
                    }
                }
            }
        }
    }

    private static void copyRun(float[] src, int is, int ss, float[] dst, int id, int sd, int n) {
        if (sd == 1 && ss == 1) {
            if (n >= SHORT_COPY) {
                System.arraycopy(src, is, dst, id, n);
                return;
            }
            for (int i = 0; i < n; i++) {
                dst[id + i] = src[is + i];
            }
        } else if (sd == 1 && ss == 0) {
            Arrays.fill(dst, id, id + n, src[is]);
        } else {
            for (int i = 0; i < n; i++) {
                dst[id + i * sd] = src[is + i * ss];
            }
        }
    }

    /**
     * {@code x > y ? 1f : 0f} without a branch. A ReLU mask compares values whose signs are
     * random, and a branch per element mispredicted half of the time costs more than the rest
     * of the loop. For floats with gradual underflow {@code x > y} exactly when {@code x - y} is
     * in {@code (0, +inf]}, that is when its bits minus 1 lie in {@code [0, 0x7f800000)}; equal
     * infinities and NaN give NaN, outside that range, as {@code >} wants.
     */
    static float greater(float x, float y) {
        int t = Float.floatToRawIntBits(x - y) - 1;
        return (float) (((t - 0x7f800000) & ~t) >>> 31);
    }

    /**
     * A cursor over the runs of an iteration shape, a block at a time: {@link #of} merges the
     * dimensions and stands on the first block, {@link #next} moves to the next in row-major
     * order. A block is {@link #rows} runs, run {@code r} starting at {@code ia + r * ra},
     * {@code ib + r * rb}, {@code io + r * ro}; a run has {@link #length} elements with strides
     * {@link #sa}, {@link #sb}, {@link #so}.
     */
    static final class Runs {

        final int length;
        final int sa;
        final int sb;
        final int so;
        final int rows;
        final int ra;
        final int rb;
        final int ro;
        int ia;
        int ib;
        int io;

        /** The dimensions outside the block, outermost first, and how far each has counted. */
        private final int[] size;
        private final int[] a;
        private final int[] b;
        private final int[] o;
        private final int[] counter;

        Runs(int[] size, int[] a, int[] b, int[] o, int rank, int ia, int ib, int io) {
            int inner = rank - 1;
            this.length = rank == 0 ? 1 : size[inner];
            this.sa = rank == 0 ? 0 : a[inner];
            this.sb = rank == 0 ? 0 : b[inner];
            this.so = rank == 0 ? 0 : o[inner];
            int row = rank - 2;
            this.rows = row < 0 ? 1 : size[row];
            this.ra = row < 0 ? 0 : a[row];
            this.rb = row < 0 ? 0 : b[row];
            this.ro = row < 0 ? 0 : o[row];
            int outer = Math.max(row, 0);
            this.size = Arrays.copyOf(size, outer);
            this.a = Arrays.copyOf(a, outer);
            this.b = Arrays.copyOf(b, outer);
            this.o = Arrays.copyOf(o, outer);
            this.counter = new int[outer];
            this.ia = ia;
            this.ib = ib;
            this.io = io;
        }

        /** The cursor on the first run, or null when the shape holds no element. */
        static Runs of(int[] shape,
                       int[] stridesA, int offsetA,
                       int[] stridesB, int offsetB,
                       int[] stridesOut, int offsetOut) {
            int rank = shape.length;
            int[] size = new int[rank];
            int[] a = new int[rank];
            int[] b = new int[rank];
            int[] o = new int[rank];
            int r = merge(shape, stridesA, stridesB, stridesOut, size, a, b, o);
            return r < 0 ? null : new Runs(size, a, b, o, r, offsetA, offsetB, offsetOut);
        }

        /**
         * Drops the dimensions of size 1 and merges each dimension into the one before it where
         * all three operands lay them out one after the other, writing the merged sizes and
         * strides, outermost first, into {@code size}, {@code a}, {@code b}, {@code o}.
         *
         * @return how many dimensions remain, or -1 when the shape holds no element
         */
        static int merge(int[] shape, int[] stridesA, int[] stridesB, int[] stridesOut,
                         int[] size, int[] a, int[] b, int[] o) {
            int r = 0;
            for (int d = 0; d < shape.length; d++) {
                if (shape[d] == 0) {
                    return -1;
                }
                if (shape[d] == 1) {
                    continue;
                }
                if (r > 0
                        && a[r - 1] == stridesA[d] * shape[d]
                        && b[r - 1] == stridesB[d] * shape[d]
                        && o[r - 1] == stridesOut[d] * shape[d]) {
                    size[r - 1] *= shape[d];
                    a[r - 1] = stridesA[d];
                    b[r - 1] = stridesB[d];
                    o[r - 1] = stridesOut[d];
                } else {
                    size[r] = shape[d];
                    a[r] = stridesA[d];
                    b[r] = stridesB[d];
                    o[r] = stridesOut[d];
                    r++;
                }
            }
            return r;
        }

        /**
         * Like {@link #of}, for work whose elements may be visited in any order (each output
         * element computed from its own inputs): when the innermost run is short and another
         * dimension is much longer, that dimension becomes the run. The windows of an im2col, a
         * col2im or a pooling (runs of 2 to 8 elements) are then walked 64 images at a time, a
         * strided loop with no set-up per window.
         */
        static Runs longestInside(int[] shape,
                                  int[] stridesA, int offsetA,
                                  int[] stridesB, int offsetB,
                                  int[] stridesOut, int offsetOut) {
            Runs runs = of(shape, stridesA, offsetA, stridesB, offsetB, stridesOut, offsetOut);
            return runs == null || runs.length >= SHORT_RUN ? runs : runs.longestInside(-1);
        }

        /**
         * These runs with the longest of the other dimensions as the run, if it is at least four
         * times longer than the run; {@code keep} (if not -1) is a stride of the output that
         * the chosen dimension must not have (reductions keep their reduced dimensions in
         * place). The other dimensions keep their order.
         */
        Runs longestInside(int keep) {
            // Every dimension, outermost first: the outer ones, the rows, then the run.
            int rank = size.length + 2;
            int[] sizes = Arrays.copyOf(size, rank);
            int[] as = Arrays.copyOf(a, rank);
            int[] bs = Arrays.copyOf(b, rank);
            int[] os = Arrays.copyOf(o, rank);
            sizes[rank - 2] = rows;
            as[rank - 2] = ra;
            bs[rank - 2] = rb;
            os[rank - 2] = ro;
            sizes[rank - 1] = length;
            as[rank - 1] = sa;
            bs[rank - 1] = sb;
            os[rank - 1] = so;
            int longest = -1;
            for (int d = 0; d < rank - 1; d++) {
                if (os[d] != keep && (longest < 0 || sizes[d] > sizes[longest])) {
                    longest = d;
                }
            }
            if (longest < 0 || sizes[longest] < 4 * length) {
                return this;
            }
            int[][] all = {sizes, as, bs, os};
            for (int[] dims : all) {
                int moved = dims[longest];
                System.arraycopy(dims, longest + 1, dims, longest, rank - 1 - longest);
                dims[rank - 1] = moved;
            }
            return new Runs(sizes, as, bs, os, rank, ia, ib, io);
        }

        /** The output's strides of the dimensions outside a block, outermost first. */
        int[] outerOutputStrides() {
            return o.clone();
        }

        /** Moves to the next block; false when every block has been visited. */
        boolean next() {
            for (int d = counter.length - 1; d >= 0; d--) {
                ia += a[d];
                ib += b[d];
                io += o[d];
                if (++counter[d] < size[d]) {
                    return true;
                }
                ia -= a[d] * size[d];
                ib -= b[d] * size[d];
                io -= o[d] * size[d];
                counter[d] = 0;
            }
            return false;
        }
    }

    /**
     * Element-wise kernels in float32, written out per operation so that the JIT sees single,
     * monomorphic loop bodies: a strided loop, and for a contiguous output a loop over two
     * contiguous operands and loops against a repeated operand (a scalar, or a broadcast
     * dimension). The JIT of JDK 17 vectorises a loop only when every array is indexed by the
     * same expression, so each contiguous loop has a variant for operands that start at the
     * output's offset (a fresh tensor and the result computed from it), which is the common
     * case. Comparisons produce 1 or 0.
     */
    enum BinaryOp {
        ADD("add") {
            @Override
            boolean vectorRows(float[] a, int ia, int sa, int ra, float[] b, int ib, int sb, int rb,
                               float[] out, int io, int ro, int n, int rows) {
                return VectorElementwise.add(a, ia, sa, ra, b, ib, sb, rb, out, io, ro, n, rows);
            }

            @Override
            void run(float[] a, int ia, int sa, float[] b, int ib, int sb, float[] out, int io, int so, int n) {
                for (int i = 0; i < n; i++) {
                    out[io + i * so] = a[ia + i * sa] + b[ib + i * sb];
                }
            }

            @Override
            void contiguous(float[] a, int ia, float[] b, int ib, float[] out, int io, int n) {
                if (ia == io && ib == io) {
                    for (int i = io; i < io + n; i++) {
                        out[i] = a[i] + b[i];
                    }
                } else {
                    for (int i = 0; i < n; i++) {
                        out[io + i] = a[ia + i] + b[ib + i];
                    }
                }
            }

            @Override
            void scalarRight(float[] a, int ia, float y, float[] out, int io, int n) {
                if (ia == io) {
                    for (int i = io; i < io + n; i++) {
                        out[i] = a[i] + y;
                    }
                } else {
                    for (int i = 0; i < n; i++) {
                        out[io + i] = a[ia + i] + y;
                    }
                }
            }

            @Override
            void scalarLeft(float x, float[] b, int ib, float[] out, int io, int n) {
                if (ib == io) {
                    for (int i = io; i < io + n; i++) {
                        out[i] = x + b[i];
                    }
                } else {
                    for (int i = 0; i < n; i++) {
                        out[io + i] = x + b[ib + i];
                    }
                }
            }

            /**
             * Short strided runs, such as the windows a col2im adds into a padded gradient
             * (3 to 8 elements), in one double loop instead of a call per run.
             */
            @Override
            void block(float[] a, int ia, int sa, int ra, float[] b, int ib, int sb, int rb,
                       float[] out, int io, int so, int ro, int n, int rows) {
                if (n >= SHORT_RUN || so == 1 && (sa | sb) <= 1) {
                    super.block(a, ia, sa, ra, b, ib, sb, rb, out, io, so, ro, n, rows);
                    return;
                }
                for (int r = 0; r < rows; r++) {
                    int pa = ia + r * ra;
                    int pb = ib + r * rb;
                    int po = io + r * ro;
                    for (int i = 0; i < n; i++) {
                        out[po + i * so] = a[pa + i * sa] + b[pb + i * sb];
                    }
                }
            }
        },
        SUB("sub") {
            @Override
            boolean vectorRows(float[] a, int ia, int sa, int ra, float[] b, int ib, int sb, int rb,
                               float[] out, int io, int ro, int n, int rows) {
                return VectorElementwise.sub(a, ia, sa, ra, b, ib, sb, rb, out, io, ro, n, rows);
            }

            @Override
            void run(float[] a, int ia, int sa, float[] b, int ib, int sb, float[] out, int io, int so, int n) {
                for (int i = 0; i < n; i++) {
                    out[io + i * so] = a[ia + i * sa] - b[ib + i * sb];
                }
            }

            @Override
            void contiguous(float[] a, int ia, float[] b, int ib, float[] out, int io, int n) {
                if (ia == io && ib == io) {
                    for (int i = io; i < io + n; i++) {
                        out[i] = a[i] - b[i];
                    }
                } else {
                    for (int i = 0; i < n; i++) {
                        out[io + i] = a[ia + i] - b[ib + i];
                    }
                }
            }

            @Override
            void scalarRight(float[] a, int ia, float y, float[] out, int io, int n) {
                if (ia == io) {
                    for (int i = io; i < io + n; i++) {
                        out[i] = a[i] - y;
                    }
                } else {
                    for (int i = 0; i < n; i++) {
                        out[io + i] = a[ia + i] - y;
                    }
                }
            }

            @Override
            void scalarLeft(float x, float[] b, int ib, float[] out, int io, int n) {
                if (ib == io) {
                    for (int i = io; i < io + n; i++) {
                        out[i] = x - b[i];
                    }
                } else {
                    for (int i = 0; i < n; i++) {
                        out[io + i] = x - b[ib + i];
                    }
                }
            }
        },
        MUL("mul") {
            @Override
            boolean vectorRows(float[] a, int ia, int sa, int ra, float[] b, int ib, int sb, int rb,
                               float[] out, int io, int ro, int n, int rows) {
                return VectorElementwise.mul(a, ia, sa, ra, b, ib, sb, rb, out, io, ro, n, rows);
            }

            @Override
            void run(float[] a, int ia, int sa, float[] b, int ib, int sb, float[] out, int io, int so, int n) {
                for (int i = 0; i < n; i++) {
                    out[io + i * so] = a[ia + i * sa] * b[ib + i * sb];
                }
            }

            @Override
            void contiguous(float[] a, int ia, float[] b, int ib, float[] out, int io, int n) {
                if (ia == io && ib == io) {
                    for (int i = io; i < io + n; i++) {
                        out[i] = a[i] * b[i];
                    }
                } else {
                    for (int i = 0; i < n; i++) {
                        out[io + i] = a[ia + i] * b[ib + i];
                    }
                }
            }

            @Override
            void scalarRight(float[] a, int ia, float y, float[] out, int io, int n) {
                if (ia == io) {
                    for (int i = io; i < io + n; i++) {
                        out[i] = a[i] * y;
                    }
                } else {
                    for (int i = 0; i < n; i++) {
                        out[io + i] = a[ia + i] * y;
                    }
                }
            }

            @Override
            void scalarLeft(float x, float[] b, int ib, float[] out, int io, int n) {
                if (ib == io) {
                    for (int i = io; i < io + n; i++) {
                        out[i] = x * b[i];
                    }
                } else {
                    for (int i = 0; i < n; i++) {
                        out[io + i] = x * b[ib + i];
                    }
                }
            }
        },
        DIV("div") {
            @Override
            boolean vectorRows(float[] a, int ia, int sa, int ra, float[] b, int ib, int sb, int rb,
                               float[] out, int io, int ro, int n, int rows) {
                return VectorElementwise.div(a, ia, sa, ra, b, ib, sb, rb, out, io, ro, n, rows);
            }

            @Override
            void run(float[] a, int ia, int sa, float[] b, int ib, int sb, float[] out, int io, int so, int n) {
                for (int i = 0; i < n; i++) {
                    out[io + i * so] = a[ia + i * sa] / b[ib + i * sb];
                }
            }

            @Override
            void contiguous(float[] a, int ia, float[] b, int ib, float[] out, int io, int n) {
                if (ia == io && ib == io) {
                    for (int i = io; i < io + n; i++) {
                        out[i] = a[i] / b[i];
                    }
                } else {
                    for (int i = 0; i < n; i++) {
                        out[io + i] = a[ia + i] / b[ib + i];
                    }
                }
            }

            @Override
            void scalarRight(float[] a, int ia, float y, float[] out, int io, int n) {
                if (ia == io) {
                    for (int i = io; i < io + n; i++) {
                        out[i] = a[i] / y;
                    }
                } else {
                    for (int i = 0; i < n; i++) {
                        out[io + i] = a[ia + i] / y;
                    }
                }
            }

            @Override
            void scalarLeft(float x, float[] b, int ib, float[] out, int io, int n) {
                if (ib == io) {
                    for (int i = io; i < io + n; i++) {
                        out[i] = x / b[i];
                    }
                } else {
                    for (int i = 0; i < n; i++) {
                        out[io + i] = x / b[ib + i];
                    }
                }
            }
        },
        MAXIMUM("maximum") {
            @Override
            void run(float[] a, int ia, int sa, float[] b, int ib, int sb, float[] out, int io, int so, int n) {
                for (int i = 0; i < n; i++) {
                    out[io + i * so] = Math.max(a[ia + i * sa], b[ib + i * sb]);
                }
            }

            @Override
            void contiguous(float[] a, int ia, float[] b, int ib, float[] out, int io, int n) {
                if (ia == io && ib == io) {
                    for (int i = io; i < io + n; i++) {
                        out[i] = Math.max(a[i], b[i]);
                    }
                } else {
                    for (int i = 0; i < n; i++) {
                        out[io + i] = Math.max(a[ia + i], b[ib + i]);
                    }
                }
            }

            @Override
            void scalarRight(float[] a, int ia, float y, float[] out, int io, int n) {
                if (ia == io) {
                    for (int i = io; i < io + n; i++) {
                        out[i] = Math.max(a[i], y);
                    }
                } else {
                    for (int i = 0; i < n; i++) {
                        out[io + i] = Math.max(a[ia + i], y);
                    }
                }
            }

            @Override
            void scalarLeft(float x, float[] b, int ib, float[] out, int io, int n) {
                if (ib == io) {
                    for (int i = io; i < io + n; i++) {
                        out[i] = Math.max(x, b[i]);
                    }
                } else {
                    for (int i = 0; i < n; i++) {
                        out[io + i] = Math.max(x, b[ib + i]);
                    }
                }
            }
        },
        MINIMUM("minimum") {
            @Override
            void run(float[] a, int ia, int sa, float[] b, int ib, int sb, float[] out, int io, int so, int n) {
                for (int i = 0; i < n; i++) {
                    out[io + i * so] = Math.min(a[ia + i * sa], b[ib + i * sb]);
                }
            }

            @Override
            void contiguous(float[] a, int ia, float[] b, int ib, float[] out, int io, int n) {
                if (ia == io && ib == io) {
                    for (int i = io; i < io + n; i++) {
                        out[i] = Math.min(a[i], b[i]);
                    }
                } else {
                    for (int i = 0; i < n; i++) {
                        out[io + i] = Math.min(a[ia + i], b[ib + i]);
                    }
                }
            }

            @Override
            void scalarRight(float[] a, int ia, float y, float[] out, int io, int n) {
                if (ia == io) {
                    for (int i = io; i < io + n; i++) {
                        out[i] = Math.min(a[i], y);
                    }
                } else {
                    for (int i = 0; i < n; i++) {
                        out[io + i] = Math.min(a[ia + i], y);
                    }
                }
            }

            @Override
            void scalarLeft(float x, float[] b, int ib, float[] out, int io, int n) {
                if (ib == io) {
                    for (int i = io; i < io + n; i++) {
                        out[i] = Math.min(x, b[i]);
                    }
                } else {
                    for (int i = 0; i < n; i++) {
                        out[io + i] = Math.min(x, b[ib + i]);
                    }
                }
            }
        },
        GT("gt") {
            @Override
            void run(float[] a, int ia, int sa, float[] b, int ib, int sb, float[] out, int io, int so, int n) {
                for (int i = 0; i < n; i++) {
                    out[io + i * so] = greater(a[ia + i * sa], b[ib + i * sb]);
                }
            }

            @Override
            void contiguous(float[] a, int ia, float[] b, int ib, float[] out, int io, int n) {
                if (ia == io && ib == io) {
                    for (int i = io; i < io + n; i++) {
                        out[i] = greater(a[i], b[i]);
                    }
                } else {
                    for (int i = 0; i < n; i++) {
                        out[io + i] = greater(a[ia + i], b[ib + i]);
                    }
                }
            }

            @Override
            void scalarRight(float[] a, int ia, float y, float[] out, int io, int n) {
                if (Kernels.VECTOR && n >= VECTOR_RUN) {
                    // A ReLU mask, x.gt(0): compare and blend are what the JIT does not vectorise.
                    VectorElementwise.greater(a, ia, y, out, io, n);
                } else if (ia == io) {
                    for (int i = io; i < io + n; i++) {
                        out[i] = greater(a[i], y);
                    }
                } else {
                    for (int i = 0; i < n; i++) {
                        out[io + i] = greater(a[ia + i], y);
                    }
                }
            }

            @Override
            void scalarLeft(float x, float[] b, int ib, float[] out, int io, int n) {
                if (ib == io) {
                    for (int i = io; i < io + n; i++) {
                        out[i] = greater(x, b[i]);
                    }
                } else {
                    for (int i = 0; i < n; i++) {
                        out[io + i] = greater(x, b[ib + i]);
                    }
                }
            }
        },
        GE("ge") {
            @Override
            void run(float[] a, int ia, int sa, float[] b, int ib, int sb, float[] out, int io, int so, int n) {
                for (int i = 0; i < n; i++) {
                    out[io + i * so] = a[ia + i * sa] >= b[ib + i * sb] ? 1f : 0f;
                }
            }

            @Override
            void contiguous(float[] a, int ia, float[] b, int ib, float[] out, int io, int n) {
                if (ia == io && ib == io) {
                    for (int i = io; i < io + n; i++) {
                        out[i] = a[i] >= b[i] ? 1f : 0f;
                    }
                } else {
                    for (int i = 0; i < n; i++) {
                        out[io + i] = a[ia + i] >= b[ib + i] ? 1f : 0f;
                    }
                }
            }

            @Override
            void scalarRight(float[] a, int ia, float y, float[] out, int io, int n) {
                if (ia == io) {
                    for (int i = io; i < io + n; i++) {
                        out[i] = a[i] >= y ? 1f : 0f;
                    }
                } else {
                    for (int i = 0; i < n; i++) {
                        out[io + i] = a[ia + i] >= y ? 1f : 0f;
                    }
                }
            }

            @Override
            void scalarLeft(float x, float[] b, int ib, float[] out, int io, int n) {
                if (ib == io) {
                    for (int i = io; i < io + n; i++) {
                        out[i] = x >= b[i] ? 1f : 0f;
                    }
                } else {
                    for (int i = 0; i < n; i++) {
                        out[io + i] = x >= b[ib + i] ? 1f : 0f;
                    }
                }
            }
        },
        LT("lt") {
            @Override
            void run(float[] a, int ia, int sa, float[] b, int ib, int sb, float[] out, int io, int so, int n) {
                for (int i = 0; i < n; i++) {
                    out[io + i * so] = greater(b[ib + i * sb], a[ia + i * sa]);
                }
            }

            @Override
            void contiguous(float[] a, int ia, float[] b, int ib, float[] out, int io, int n) {
                if (ia == io && ib == io) {
                    for (int i = io; i < io + n; i++) {
                        out[i] = greater(b[i], a[i]);
                    }
                } else {
                    for (int i = 0; i < n; i++) {
                        out[io + i] = greater(b[ib + i], a[ia + i]);
                    }
                }
            }

            @Override
            void scalarRight(float[] a, int ia, float y, float[] out, int io, int n) {
                if (ia == io) {
                    for (int i = io; i < io + n; i++) {
                        out[i] = greater(y, a[i]);
                    }
                } else {
                    for (int i = 0; i < n; i++) {
                        out[io + i] = greater(y, a[ia + i]);
                    }
                }
            }

            @Override
            void scalarLeft(float x, float[] b, int ib, float[] out, int io, int n) {
                if (ib == io) {
                    for (int i = io; i < io + n; i++) {
                        out[i] = greater(b[i], x);
                    }
                } else {
                    for (int i = 0; i < n; i++) {
                        out[io + i] = greater(b[ib + i], x);
                    }
                }
            }
        },
        LE("le") {
            @Override
            void run(float[] a, int ia, int sa, float[] b, int ib, int sb, float[] out, int io, int so, int n) {
                for (int i = 0; i < n; i++) {
                    out[io + i * so] = a[ia + i * sa] <= b[ib + i * sb] ? 1f : 0f;
                }
            }

            @Override
            void contiguous(float[] a, int ia, float[] b, int ib, float[] out, int io, int n) {
                if (ia == io && ib == io) {
                    for (int i = io; i < io + n; i++) {
                        out[i] = a[i] <= b[i] ? 1f : 0f;
                    }
                } else {
                    for (int i = 0; i < n; i++) {
                        out[io + i] = a[ia + i] <= b[ib + i] ? 1f : 0f;
                    }
                }
            }

            @Override
            void scalarRight(float[] a, int ia, float y, float[] out, int io, int n) {
                if (ia == io) {
                    for (int i = io; i < io + n; i++) {
                        out[i] = a[i] <= y ? 1f : 0f;
                    }
                } else {
                    for (int i = 0; i < n; i++) {
                        out[io + i] = a[ia + i] <= y ? 1f : 0f;
                    }
                }
            }

            @Override
            void scalarLeft(float x, float[] b, int ib, float[] out, int io, int n) {
                if (ib == io) {
                    for (int i = io; i < io + n; i++) {
                        out[i] = x <= b[i] ? 1f : 0f;
                    }
                } else {
                    for (int i = 0; i < n; i++) {
                        out[io + i] = x <= b[ib + i] ? 1f : 0f;
                    }
                }
            }
        },
        EQ("eq") {
            @Override
            void run(float[] a, int ia, int sa, float[] b, int ib, int sb, float[] out, int io, int so, int n) {
                for (int i = 0; i < n; i++) {
                    out[io + i * so] = a[ia + i * sa] == b[ib + i * sb] ? 1f : 0f;
                }
            }

            @Override
            void contiguous(float[] a, int ia, float[] b, int ib, float[] out, int io, int n) {
                if (ia == io && ib == io) {
                    for (int i = io; i < io + n; i++) {
                        out[i] = a[i] == b[i] ? 1f : 0f;
                    }
                } else {
                    for (int i = 0; i < n; i++) {
                        out[io + i] = a[ia + i] == b[ib + i] ? 1f : 0f;
                    }
                }
            }

            @Override
            void scalarRight(float[] a, int ia, float y, float[] out, int io, int n) {
                if (ia == io) {
                    for (int i = io; i < io + n; i++) {
                        out[i] = a[i] == y ? 1f : 0f;
                    }
                } else {
                    for (int i = 0; i < n; i++) {
                        out[io + i] = a[ia + i] == y ? 1f : 0f;
                    }
                }
            }

            @Override
            void scalarLeft(float x, float[] b, int ib, float[] out, int io, int n) {
                if (ib == io) {
                    for (int i = io; i < io + n; i++) {
                        out[i] = x == b[i] ? 1f : 0f;
                    }
                } else {
                    for (int i = 0; i < n; i++) {
                        out[io + i] = x == b[ib + i] ? 1f : 0f;
                    }
                }
            }
        },
        /** Ignores {@code a}: {@code out = b}. Used for copies and assignments. */
        ASSIGN("copyFrom") {
            @Override
            void run(float[] a, int ia, int sa, float[] b, int ib, int sb, float[] out, int io, int so, int n) {
                copyRun(b, ib, sb, out, io, so, n);
            }

            @Override
            void contiguous(float[] a, int ia, float[] b, int ib, float[] out, int io, int n) {
                copyRun(b, ib, 1, out, io, 1, n);
            }

            @Override
            void scalarRight(float[] a, int ia, float y, float[] out, int io, int n) {
                Arrays.fill(out, io, io + n, y);
            }

            @Override
            void scalarLeft(float x, float[] b, int ib, float[] out, int io, int n) {
                copyRun(b, ib, 1, out, io, 1, n);
            }
        };

        private final String opName;

        BinaryOp(String opName) {
            this.opName = opName;
        }

        /** The name used in messages, matching the public method. */
        String opName() {
            return opName;
        }

        /** {@code out[io + i*so] = a[ia + i*sa] (op) b[ib + i*sb]} for {@code i < n}. */
        abstract void run(float[] a, int ia, int sa, float[] b, int ib, int sb, float[] out, int io, int so, int n);

        /** {@link #run} with every stride 1. */
        abstract void contiguous(float[] a, int ia, float[] b, int ib, float[] out, int io, int n);

        /** {@code out[io + i] = a[ia + i] (op) y} for {@code i < n}. */
        abstract void scalarRight(float[] a, int ia, float y, float[] out, int io, int n);

        /** {@code out[io + i] = x (op) b[ib + i]} for {@code i < n}. */
        abstract void scalarLeft(float x, float[] b, int ib, float[] out, int io, int n);

        /** {@link #apply} on {@code rows} runs, run {@code r} starting at {@code ia + r*ra}, .... */
        void block(float[] a, int ia, int sa, int ra, float[] b, int ib, int sb, int rb,
                   float[] out, int io, int so, int ro, int n, int rows) {
            if (Kernels.VECTOR && so == 1 && n >= VECTOR_RUN && n < LONG_RUN
                    && vectorRows(a, ia, sa, ra, b, ib, sb, rb, out, io, ro, n, rows)) {
                return;
            }
            for (int r = 0; r < rows; r++) {
                apply(a, ia + r * ra, sa, b, ib + r * rb, sb, out, io + r * ro, so, n);
            }
        }

        /**
         * {@link #block} for short runs with a contiguous output, by a {@link VectorElementwise}
         * kernel where this operation has one; false, having done nothing, otherwise.
         */
        boolean vectorRows(float[] a, int ia, int sa, int ra, float[] b, int ib, int sb, int rb,
                           float[] out, int io, int ro, int n, int rows) {
            return false;
        }

        /**
         * {@link #run}, sent to a contiguous loop whenever the output is contiguous and each
         * operand is contiguous or repeated (stride 0, a scalar or a broadcast dimension).
         */
        final void apply(float[] a, int ia, int sa, float[] b, int ib, int sb, float[] out, int io, int so, int n) {
            if (so != 1 || n == 1) {
                run(a, ia, sa, b, ib, sb, out, io, so, n);
            } else if (sa == 1 && sb == 1) {
                contiguous(a, ia, b, ib, out, io, n);
            } else if (sa == 1 && sb == 0) {
                scalarRight(a, ia, b[ib], out, io, n);
            } else if (sa == 0 && sb == 1) {
                scalarLeft(a[ia], b, ib, out, io, n);
            } else {
                run(a, ia, sa, b, ib, sb, out, io, so, n);
            }
        }
    }
}
