package io.cnnhomework.tensor;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The matrix product's inner kernel written with the Vector API ({@code jdk.incubator.vector}),
 * used when that module is present (see {@link Kernels}). It computes exactly what
 * {@link MatMul}'s plain kernel computes, bit for bit: every element of C is
 * {@code fma(a_2, b_2, fma(a_1, b_1, fma(a_0, b_0, 0)))...}, each term multiplied and added
 * with one rounding to float ({@link FloatVector#fma}, lane by lane {@link Math#fma}),
 * {@code p} ascending. The vectors run along the columns of C, never along {@code p}, so no
 * partial sums are reordered. On a CPU with FMA units a fused multiply-add is one instruction
 * where a multiplication and an addition are two: the products measured about a fifth faster.
 *
 * <p>What it does better than the loops the JIT vectorises by itself is keeping a tile of C in
 * registers for the whole inner dimension: four rows by two vectors of columns, eight
 * accumulators (enough independent additions to hide their latency), so each step of
 * {@code p} loads two vectors of B and four elements of A for eight fused multiply-adds, and C
 * is written once. C2 instead loads and stores its accumulator arrays at every step. With
 * AVX-512's 32 registers the tiles are eight rows high: two vectors of B for sixteen fused
 * multiply-adds, and each panel of B read half as often. Over a short inner dimension the rows of
 * A are packed first, so that every load of A is at a constant offset.
 */
final class VectorMatMul {

    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;

    /** Floats per vector: 16 with AVX-512, 8 with AVX2. */
    static final int LANES = SPECIES.length();

    /**
     * Whether tiles of eight rows run: sixteen accumulators and the two vectors of B fit the 32
     * vector registers of AVX-512, not the 16 of AVX2.
     */
    private static final boolean WIDE_TILES = LANES >= 16;

    /**
     * Deepest inner dimension for which the rows of A are packed for the tiles of eight rows
     * (beyond it they read A through its strides): packing copies A once per product, which a
     * shallow product repays (conv2's forward product, k = 144: 101 against 84–103 µs unpacked,
     * its input gradient 95–100 against 105–110 µs) and a deep one does not (the weight gradient,
     * k = 1024, whose A is the whole [144, 1024] im2col matrix: 154 µs packed, 101 µs not, 112–119
     * µs with four-row tiles).
     */
    private static final int WIDE_TILE_DEPTH = 256;

    /** Rows of a transposed B packed together: 64 rows of a two-vector panel are 8 KB. */
    private static final int TRANSPOSE_BLOCK = 64;

    private VectorMatMul() {
    }

    /**
     * Rows {@code from..to} of {@code C = A B} for matrix {@code q}, element {@code (i, j)} into
     * {@code c[co + i * rowStep + j * colStep]}. The columns are taken {@code 2 · LANES} at a
     * time: that block of B (k rows of 32 floats with AVX-512) is first copied into a small
     * contiguous panel, read once from B through its strides (a transposed B included), then
     * every group of four rows of A runs over it while it sits in the level-1 cache. Reading B
     * in place instead would stream all of it once per group of rows, each row of the block a
     * page apart in a [144, 1024] im2col matrix: the same cache sets over and over.
     */
    static void product(MatMul.Operand a, int q, MatMul.Operand b, float[] c, int co, int rowStep, int colStep,
                        int k, int m, int from, int to) {
        float[] ad = a.data();
        int ao = a.offsets()[q];
        int rs = a.rowStride();
        int cs = a.colStride();
        int l2 = 2 * LANES;
        // Two vectors wide, or one when C has no more columns than that (conv1's weight gradient, 9).
        float[] panel = Scratch.panel(k * (m > LANES ? l2 : LANES));
        float[] spill = new float[8 * l2];
        // Groups of eight rows of A, each packed once as k steps of eight floats.
        int wide = WIDE_TILES && m > LANES && k <= WIDE_TILE_DEPTH ? (to - from) / 8 : 0;
        float[] rows = wide > 0 ? packRows(a, q, from, wide, k) : null;
        for (int j = 0; j < m; j += l2) {
            int w = Math.min(l2, m - j);
            // A last block of at most one vector is packed and computed one vector wide.
            int vectors = w > LANES ? 2 : 1;
            int stride = vectors * LANES;
            pack(b, q, k, j, w, stride, panel);
            boolean direct = colStep == 1 && w == stride;
            int i = from;
            for (int g = 0; vectors == 2 && g < wide; g++, i += 8) {
                int ci = co + i * rowStep;
                if (direct) {
                    tile8x2(rows, g * 8 * k, panel, k, c, ci + j, rowStep);
                } else {
                    tile8x2(rows, g * 8 * k, panel, k, spill, 0, l2);
                    store(spill, 8, l2, c, ci, rowStep, colStep, j, w);
                }
            }
            for (; WIDE_TILES && wide == 0 && vectors == 2 && i + 8 <= to; i += 8) {
                int ai = ao + i * rs;
                int ci = co + i * rowStep;
                if (direct) {
                    tile8x2(ad, ai, rs, cs, panel, k, c, ci + j, rowStep);
                } else {
                    tile8x2(ad, ai, rs, cs, panel, k, spill, 0, l2);
                    store(spill, 8, l2, c, ci, rowStep, colStep, j, w);
                }
            }
            // One vector wide, eight rows of A contiguous along p: eight chains of dependent
            // multiply-adds in flight instead of four, which is what their latency needs, and
            // every index of A the loop's plus a constant, so its bounds are checked once per loop
            // (conv1's weight gradient, [16, 4096] @ [4096, 9]: 48 -> 40 µs).
            for (; vectors == 1 && cs == 1 && i + 8 <= to; i += 8) {
                int ai = ao + i * rs;
                int ci = co + i * rowStep;
                if (direct) {
                    tile8x1(ad, ai, rs, panel, k, c, ci + j, rowStep);
                } else {
                    tile8x1(ad, ai, rs, panel, k, spill, 0, LANES);
                    store(spill, 8, LANES, c, ci, rowStep, colStep, j, w);
                }
            }
            for (; i + 4 <= to; i += 4) {
                int ai = ao + i * rs;
                int ci = co + i * rowStep;
                if (vectors == 2) {
                    if (direct) {
                        tile4x2(ad, ai, rs, cs, panel, k, c, ci + j, rowStep);
                    } else {
                        tile4x2(ad, ai, rs, cs, panel, k, spill, 0, l2);
                        store(spill, 4, l2, c, ci, rowStep, colStep, j, w);
                    }
                } else if (direct) {
                    tile4x1(ad, ai, rs, cs, panel, k, c, ci + j, rowStep);
                } else {
                    tile4x1(ad, ai, rs, cs, panel, k, spill, 0, LANES);
                    store(spill, 4, LANES, c, ci, rowStep, colStep, j, w);
                }
            }
            for (; i < to; i++) {
                int ai = ao + i * rs;
                int ci = co + i * rowStep;
                if (vectors == 2) {
                    tile1x2(ad, ai, cs, panel, k, spill);
                    store(spill, 1, l2, c, ci, rowStep, colStep, j, w);
                } else {
                    tile1x1(ad, ai, cs, panel, k, spill);
                    store(spill, 1, LANES, c, ci, rowStep, colStep, j, w);
                }
            }
        }
    }

    /**
     * Columns {@code j0..j0+w} of matrix {@code q} of B into {@code panel}, row {@code p} at
     * {@code p * stride}. The columns from {@code w} to {@code stride} keep whatever they hold:
     * the lanes computed from them are never stored.
     */
    private static void pack(MatMul.Operand b, int q, int k, int j0, int w, int stride, float[] panel) {
        float[] d = b.data();
        int bo = b.offsets()[q] + j0 * b.colStride();
        int brs = b.rowStride();
        int bcs = b.colStride();
        if (bcs == 1 && w == stride) {
            if (stride == 2 * LANES) {
                // two vector loads and stores per row instead of a call of arraycopy, whose set-up
                // cost as much as the copy: conv2's forward product 101 -> 81-89 µs
                for (int p = 0; p < k; p++) {
                    int from = bo + p * brs;
                    FloatVector.fromArray(SPECIES, d, from).intoArray(panel, p * 2 * LANES);
                    FloatVector.fromArray(SPECIES, d, from + LANES).intoArray(panel, p * 2 * LANES + LANES);
                }
                return;
            }
            for (int p = 0; p < k; p++) {
                System.arraycopy(d, bo + p * brs, panel, p * stride, stride);
            }
            return;
        }
        if (bcs == 1) {
            for (int p = 0; p < k; p++) {
                System.arraycopy(d, bo + p * brs, panel, p * stride, w);
            }
        } else {
            // A transposed B: each column runs along p in storage; read it so, write across, a
            // block of rows at a time, so that the panel rows being written stay in the level-1
            // cache while every column passes through them.
            if (brs == 1) {
                packTransposed(d, bo, bcs, k, w, stride, panel);
                return;
            }
            for (int p0 = 0; p0 < k; p0 += TRANSPOSE_BLOCK) {
                int p1 = Math.min(k, p0 + TRANSPOSE_BLOCK);
                for (int j = 0; j < w; j++) {
                    int from = bo + j * bcs;
                    for (int p = p0; p < p1; p++) {
                        panel[p * stride + j] = d[from + p * brs];
                    }
                }
            }
        }
    }

    /**
     * {@link #pack} of a B whose columns are contiguous (a transposed matrix): the same copy with
     * every index a constant multiple of the loop's, so that the JIT checks the bounds once per
     * loop rather than per element (one loop per panel width, 32 or 16 floats with AVX-512).
     */
    private static void packTransposed(float[] d, int bo, int bcs, int k, int w, int stride, float[] panel) {
        for (int p0 = 0; p0 < k; p0 += TRANSPOSE_BLOCK) {
            int p1 = Math.min(k, p0 + TRANSPOSE_BLOCK);
            for (int j = 0; j < w; j++) {
                int from = bo + j * bcs;
                if (stride == LANES) {
                    for (int p = p0; p < p1; p++) {
                        panel[p * LANES + j] = d[from + p];
                    }
                } else {
                    for (int p = p0; p < p1; p++) {
                        panel[p * (2 * LANES) + j] = d[from + p];
                    }
                }
            }
        }
    }

    /**
     * Copies a tile of {@code rows} computed rows ({@code stride} apart in {@code spill}) into C,
     * its first {@code w} columns, which start at column {@code j0}.
     */
    private static void store(float[] spill, int rows, int stride, float[] c, int at, int rowStep, int colStep,
                              int j0, int w) {
        for (int r = 0; r < rows; r++) {
            int to = at + r * rowStep + j0 * colStep;
            if (colStep == 1) {
                System.arraycopy(spill, r * stride, c, to, w);
            } else {
                for (int j = 0; j < w; j++) {
                    c[to + j * colStep] = spill[r * stride + j];
                }
            }
        }
    }

    /** Eight rows by two vectors of C into {@code out[oo + r * ors + j]}. */
    private static float[] packRows(MatMul.Operand a, int q, int from, int groups, int k) {
        float[] ad = a.data();
        int ao = a.offsets()[q];
        int rs = a.rowStride();
        int cs = a.colStride();
        float[] rows = Scratch.rows(groups * 8 * k);
        for (int g = 0; g < groups; g++) {
            int base = g * 8 * k;
            for (int r = 0; r < 8; r++) {
                int ai = ao + (from + g * 8 + r) * rs;
                for (int p = 0; p < k; p++) {
                    rows[base + p * 8 + r] = ad[ai + p * cs];
                }
            }
        }
        return rows;
    }

    /** Eight rows by two vectors of C into {@code out[oo + r * ors + j]}, the rows packed by {@link #packRows}. */
    private static void tile8x2(float[] a, int ai, float[] b, int k, float[] out, int oo, int ors) {
        FloatVector s00 = FloatVector.zero(SPECIES);
        FloatVector s01 = s00;
        FloatVector s10 = s00;
        FloatVector s11 = s00;
        FloatVector s20 = s00;
        FloatVector s21 = s00;
        FloatVector s30 = s00;
        FloatVector s31 = s00;
        FloatVector s40 = s00;
        FloatVector s41 = s00;
        FloatVector s50 = s00;
        FloatVector s51 = s00;
        FloatVector s60 = s00;
        FloatVector s61 = s00;
        FloatVector s70 = s00;
        FloatVector s71 = s00;
        for (int p = 0; p < k; p++) {
            int bp = p * 2 * LANES;
            FloatVector b0 = FloatVector.fromArray(SPECIES, b, bp);
            FloatVector b1 = FloatVector.fromArray(SPECIES, b, bp + LANES);
            int at = ai + p * 8;
            FloatVector x = FloatVector.broadcast(SPECIES, a[at]);
            s00 = x.fma(b0, s00);
            s01 = x.fma(b1, s01);
            x = FloatVector.broadcast(SPECIES, a[at + 1]);
            s10 = x.fma(b0, s10);
            s11 = x.fma(b1, s11);
            x = FloatVector.broadcast(SPECIES, a[at + 2]);
            s20 = x.fma(b0, s20);
            s21 = x.fma(b1, s21);
            x = FloatVector.broadcast(SPECIES, a[at + 3]);
            s30 = x.fma(b0, s30);
            s31 = x.fma(b1, s31);
            x = FloatVector.broadcast(SPECIES, a[at + 4]);
            s40 = x.fma(b0, s40);
            s41 = x.fma(b1, s41);
            x = FloatVector.broadcast(SPECIES, a[at + 5]);
            s50 = x.fma(b0, s50);
            s51 = x.fma(b1, s51);
            x = FloatVector.broadcast(SPECIES, a[at + 6]);
            s60 = x.fma(b0, s60);
            s61 = x.fma(b1, s61);
            x = FloatVector.broadcast(SPECIES, a[at + 7]);
            s70 = x.fma(b0, s70);
            s71 = x.fma(b1, s71);
        }
        s00.intoArray(out, oo);
        s01.intoArray(out, oo + LANES);
        s10.intoArray(out, oo + ors);
        s11.intoArray(out, oo + ors + LANES);
        s20.intoArray(out, oo + 2 * ors);
        s21.intoArray(out, oo + 2 * ors + LANES);
        s30.intoArray(out, oo + 3 * ors);
        s31.intoArray(out, oo + 3 * ors + LANES);
        s40.intoArray(out, oo + 4 * ors);
        s41.intoArray(out, oo + 4 * ors + LANES);
        s50.intoArray(out, oo + 5 * ors);
        s51.intoArray(out, oo + 5 * ors + LANES);
        s60.intoArray(out, oo + 6 * ors);
        s61.intoArray(out, oo + 6 * ors + LANES);
        s70.intoArray(out, oo + 7 * ors);
        s71.intoArray(out, oo + 7 * ors + LANES);
    }

    /** Eight rows by two vectors of C into {@code out[oo + r * ors + j]}, the rows read from A through its strides. */
    private static void tile8x2(float[] a, int ai, int rs, int cs, float[] b, int k, float[] out, int oo, int ors) {
        FloatVector s00 = FloatVector.zero(SPECIES);
        FloatVector s01 = s00;
        FloatVector s10 = s00;
        FloatVector s11 = s00;
        FloatVector s20 = s00;
        FloatVector s21 = s00;
        FloatVector s30 = s00;
        FloatVector s31 = s00;
        FloatVector s40 = s00;
        FloatVector s41 = s00;
        FloatVector s50 = s00;
        FloatVector s51 = s00;
        FloatVector s60 = s00;
        FloatVector s61 = s00;
        FloatVector s70 = s00;
        FloatVector s71 = s00;
        for (int p = 0; p < k; p++) {
            int bp = p * 2 * LANES;
            FloatVector b0 = FloatVector.fromArray(SPECIES, b, bp);
            FloatVector b1 = FloatVector.fromArray(SPECIES, b, bp + LANES);
            int at = ai + p * cs;
            FloatVector x = FloatVector.broadcast(SPECIES, a[at]);
            s00 = x.fma(b0, s00);
            s01 = x.fma(b1, s01);
            x = FloatVector.broadcast(SPECIES, a[at + 1 * rs]);
            s10 = x.fma(b0, s10);
            s11 = x.fma(b1, s11);
            x = FloatVector.broadcast(SPECIES, a[at + 2 * rs]);
            s20 = x.fma(b0, s20);
            s21 = x.fma(b1, s21);
            x = FloatVector.broadcast(SPECIES, a[at + 3 * rs]);
            s30 = x.fma(b0, s30);
            s31 = x.fma(b1, s31);
            x = FloatVector.broadcast(SPECIES, a[at + 4 * rs]);
            s40 = x.fma(b0, s40);
            s41 = x.fma(b1, s41);
            x = FloatVector.broadcast(SPECIES, a[at + 5 * rs]);
            s50 = x.fma(b0, s50);
            s51 = x.fma(b1, s51);
            x = FloatVector.broadcast(SPECIES, a[at + 6 * rs]);
            s60 = x.fma(b0, s60);
            s61 = x.fma(b1, s61);
            x = FloatVector.broadcast(SPECIES, a[at + 7 * rs]);
            s70 = x.fma(b0, s70);
            s71 = x.fma(b1, s71);
        }
        s00.intoArray(out, oo);
        s01.intoArray(out, oo + LANES);
        s10.intoArray(out, oo + ors);
        s11.intoArray(out, oo + ors + LANES);
        s20.intoArray(out, oo + 2 * ors);
        s21.intoArray(out, oo + 2 * ors + LANES);
        s30.intoArray(out, oo + 3 * ors);
        s31.intoArray(out, oo + 3 * ors + LANES);
        s40.intoArray(out, oo + 4 * ors);
        s41.intoArray(out, oo + 4 * ors + LANES);
        s50.intoArray(out, oo + 5 * ors);
        s51.intoArray(out, oo + 5 * ors + LANES);
        s60.intoArray(out, oo + 6 * ors);
        s61.intoArray(out, oo + 6 * ors + LANES);
        s70.intoArray(out, oo + 7 * ors);
        s71.intoArray(out, oo + 7 * ors + LANES);
    }

    /** Four rows by two vectors of C into {@code out[oo + r * ors + j]}. */
    private static void tile4x2(float[] a, int ai, int rs, int cs, float[] b, int k, float[] out, int oo, int ors) {
        FloatVector s00 = FloatVector.zero(SPECIES);
        FloatVector s01 = s00;
        FloatVector s10 = s00;
        FloatVector s11 = s00;
        FloatVector s20 = s00;
        FloatVector s21 = s00;
        FloatVector s30 = s00;
        FloatVector s31 = s00;
        int a1 = ai + rs;
        int a2 = a1 + rs;
        int a3 = a2 + rs;
        for (int p = 0; p < k; p++) {
            int bp = p * 2 * LANES;
            FloatVector b0 = FloatVector.fromArray(SPECIES, b, bp);
            FloatVector b1 = FloatVector.fromArray(SPECIES, b, bp + LANES);
            int at = p * cs;
            FloatVector x0 = FloatVector.broadcast(SPECIES, a[ai + at]);
            FloatVector x1 = FloatVector.broadcast(SPECIES, a[a1 + at]);
            FloatVector x2 = FloatVector.broadcast(SPECIES, a[a2 + at]);
            FloatVector x3 = FloatVector.broadcast(SPECIES, a[a3 + at]);
            s00 = x0.fma(b0, s00);
            s01 = x0.fma(b1, s01);
            s10 = x1.fma(b0, s10);
            s11 = x1.fma(b1, s11);
            s20 = x2.fma(b0, s20);
            s21 = x2.fma(b1, s21);
            s30 = x3.fma(b0, s30);
            s31 = x3.fma(b1, s31);
        }
        s00.intoArray(out, oo);
        s01.intoArray(out, oo + LANES);
        s10.intoArray(out, oo + ors);
        s11.intoArray(out, oo + ors + LANES);
        s20.intoArray(out, oo + 2 * ors);
        s21.intoArray(out, oo + 2 * ors + LANES);
        s30.intoArray(out, oo + 3 * ors);
        s31.intoArray(out, oo + 3 * ors + LANES);
    }

    /** Eight rows by one vector of C into {@code out[oo + r * ors + j]}, the rows of A contiguous. */
    private static void tile8x1(float[] a, int ai, int rs, float[] b, int k, float[] out, int oo, int ors) {
        FloatVector s0 = FloatVector.zero(SPECIES);
        FloatVector s1 = s0;
        FloatVector s2 = s0;
        FloatVector s3 = s0;
        FloatVector s4 = s0;
        FloatVector s5 = s0;
        FloatVector s6 = s0;
        FloatVector s7 = s0;
        int a1 = ai + rs;
        int a2 = a1 + rs;
        int a3 = a2 + rs;
        int a4 = a3 + rs;
        int a5 = a4 + rs;
        int a6 = a5 + rs;
        int a7 = a6 + rs;
        for (int p = 0; p < k; p++) {
            FloatVector b0 = FloatVector.fromArray(SPECIES, b, p * LANES);
            s0 = FloatVector.broadcast(SPECIES, a[ai + p]).fma(b0, s0);
            s1 = FloatVector.broadcast(SPECIES, a[a1 + p]).fma(b0, s1);
            s2 = FloatVector.broadcast(SPECIES, a[a2 + p]).fma(b0, s2);
            s3 = FloatVector.broadcast(SPECIES, a[a3 + p]).fma(b0, s3);
            s4 = FloatVector.broadcast(SPECIES, a[a4 + p]).fma(b0, s4);
            s5 = FloatVector.broadcast(SPECIES, a[a5 + p]).fma(b0, s5);
            s6 = FloatVector.broadcast(SPECIES, a[a6 + p]).fma(b0, s6);
            s7 = FloatVector.broadcast(SPECIES, a[a7 + p]).fma(b0, s7);
        }
        s0.intoArray(out, oo);
        s1.intoArray(out, oo + ors);
        s2.intoArray(out, oo + 2 * ors);
        s3.intoArray(out, oo + 3 * ors);
        s4.intoArray(out, oo + 4 * ors);
        s5.intoArray(out, oo + 5 * ors);
        s6.intoArray(out, oo + 6 * ors);
        s7.intoArray(out, oo + 7 * ors);
    }

    /** Four rows by one vector of C into {@code out[oo + r * ors + j]}. */
    private static void tile4x1(float[] a, int ai, int rs, int cs, float[] b, int k, float[] out, int oo, int ors) {
        FloatVector s0 = FloatVector.zero(SPECIES);
        FloatVector s1 = s0;
        FloatVector s2 = s0;
        FloatVector s3 = s0;
        int a1 = ai + rs;
        int a2 = a1 + rs;
        int a3 = a2 + rs;
        for (int p = 0; p < k; p++) {
            FloatVector b0 = FloatVector.fromArray(SPECIES, b, p * LANES);
            int at = p * cs;
            s0 = FloatVector.broadcast(SPECIES, a[ai + at]).fma(b0, s0);
            s1 = FloatVector.broadcast(SPECIES, a[a1 + at]).fma(b0, s1);
            s2 = FloatVector.broadcast(SPECIES, a[a2 + at]).fma(b0, s2);
            s3 = FloatVector.broadcast(SPECIES, a[a3 + at]).fma(b0, s3);
        }
        s0.intoArray(out, oo);
        s1.intoArray(out, oo + ors);
        s2.intoArray(out, oo + 2 * ors);
        s3.intoArray(out, oo + 3 * ors);
    }

    private static void tile1x2(float[] a, int ai, int cs, float[] b, int k, float[] out) {
        FloatVector s0 = FloatVector.zero(SPECIES);
        FloatVector s1 = s0;
        for (int p = 0; p < k; p++) {
            int bp = p * 2 * LANES;
            FloatVector x = FloatVector.broadcast(SPECIES, a[ai + p * cs]);
            s0 = x.fma(FloatVector.fromArray(SPECIES, b, bp), s0);
            s1 = x.fma(FloatVector.fromArray(SPECIES, b, bp + LANES), s1);
        }
        s0.intoArray(out, 0);
        s1.intoArray(out, LANES);
    }

    private static void tile1x1(float[] a, int ai, int cs, float[] b, int k, float[] out) {
        FloatVector s0 = FloatVector.zero(SPECIES);
        for (int p = 0; p < k; p++) {
            s0 = FloatVector.broadcast(SPECIES, a[ai + p * cs]).fma(FloatVector.fromArray(SPECIES, b, p * LANES), s0);
        }
        s0.intoArray(out, 0);
    }
}
