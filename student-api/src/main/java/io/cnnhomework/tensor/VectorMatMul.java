package io.cnnhomework.tensor;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The matrix product's inner kernel written with the Vector API ({@code jdk.incubator.vector}),
 * used when that module is present (see {@link Kernels}). It computes exactly what
 * {@link MatMul}'s plain kernel computes, bit for bit: every element of C is
 * {@code ((0 + a_0 b_0) + a_1 b_1) + ...}, a multiplication rounded to float, then an addition
 * rounded to float, {@code p} ascending. The vectors run along the columns of C, never along
 * {@code p}, so no partial sums are reordered, and no fused multiply-add is used.
 *
 * <p>What it does better than the loops the JIT vectorises by itself is keeping a tile of C in
 * registers for the whole inner dimension: four rows by two vectors of columns, eight
 * accumulators (enough independent additions to hide their latency), so each step of
 * {@code p} loads two vectors of B and four elements of A for sixteen vector operations, and C
 * is written once. C2 instead loads and stores its accumulator arrays at every step.
 */
final class VectorMatMul {

    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;

    /** Floats per vector: 16 with AVX-512, 8 with AVX2. */
    static final int LANES = SPECIES.length();

    private VectorMatMul() {
    }

    /**
     * Rows {@code from..to} of {@code C = A B} for matrix {@code q} of A, B given as a panel:
     * row {@code p} of B starts at {@code panel[po + p * stride]} and is readable (with zeros or
     * any values past {@code m}) up to {@code width}, a multiple of {@link #LANES} at least
     * {@code m}. Element {@code (i, j)} goes to {@code c[co + i * rowStep + j * colStep]}.
     */
    static void product(MatMul.Operand a, int q, float[] panel, int po, int stride, int width, float[] c, int co,
                        int rowStep, int colStep, int k, int m, int from, int to) {
        float[] ad = a.data();
        int ao = a.offsets()[q];
        int rs = a.rowStride();
        int cs = a.colStride();
        float[] spill = new float[4 * 2 * LANES];
        int l2 = 2 * LANES;
        int i = from;
        for (; i + 4 <= to; i += 4) {
            int ai = ao + i * rs;
            int ci = co + i * rowStep;
            int j = 0;
            for (; j + l2 <= width && j < m; j += l2) {
                if (colStep == 1 && j + l2 <= m) {
                    tile4x2(ad, ai, rs, cs, panel, po + j, stride, k, c, ci + j, rowStep);
                } else {
                    tile4x2(ad, ai, rs, cs, panel, po + j, stride, k, spill, 0, l2);
                    store(spill, 4, 2, c, ci, rowStep, colStep, j, m);
                }
            }
            if (j < m) {
                if (colStep == 1 && j + LANES <= m) {
                    tile4x1(ad, ai, rs, cs, panel, po + j, stride, k, c, ci + j, rowStep);
                } else {
                    tile4x1(ad, ai, rs, cs, panel, po + j, stride, k, spill, 0, LANES);
                    store(spill, 4, 1, c, ci, rowStep, colStep, j, m);
                }
            }
        }
        for (; i < to; i++) {
            int ai = ao + i * rs;
            int ci = co + i * rowStep;
            int j = 0;
            for (; j + l2 <= width && j < m; j += l2) {
                tile1x2(ad, ai, cs, panel, po + j, stride, k, spill);
                store(spill, 1, 2, c, ci, rowStep, colStep, j, m);
            }
            if (j < m) {
                tile1x1(ad, ai, cs, panel, po + j, stride, k, spill);
                store(spill, 1, 1, c, ci, rowStep, colStep, j, m);
            }
        }
    }

    /**
     * Copies a tile of {@code rows × vectors·LANES} computed values (row-major in {@code spill})
     * into C, dropping the columns at and beyond {@code m}.
     */
    private static void store(float[] spill, int rows, int vectors, float[] c, int at, int rowStep, int colStep,
                              int j0, int m) {
        int w = Math.min(vectors * LANES, m - j0);
        int stride = vectors * LANES;
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

    /** Four rows by two vectors of C into {@code out[oo + r * ors + j]}. */
    private static void tile4x2(float[] a, int ai, int rs, int cs, float[] b, int bo, int stride, int k,
                                float[] out, int oo, int ors) {
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
            int bp = bo + p * stride;
            FloatVector b0 = FloatVector.fromArray(SPECIES, b, bp);
            FloatVector b1 = FloatVector.fromArray(SPECIES, b, bp + LANES);
            int at = p * cs;
            FloatVector x0 = FloatVector.broadcast(SPECIES, a[ai + at]);
            FloatVector x1 = FloatVector.broadcast(SPECIES, a[a1 + at]);
            FloatVector x2 = FloatVector.broadcast(SPECIES, a[a2 + at]);
            FloatVector x3 = FloatVector.broadcast(SPECIES, a[a3 + at]);
            s00 = s00.add(x0.mul(b0));
            s01 = s01.add(x0.mul(b1));
            s10 = s10.add(x1.mul(b0));
            s11 = s11.add(x1.mul(b1));
            s20 = s20.add(x2.mul(b0));
            s21 = s21.add(x2.mul(b1));
            s30 = s30.add(x3.mul(b0));
            s31 = s31.add(x3.mul(b1));
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

    /** Four rows by one vector of C into {@code out[oo + r * ors + j]}. */
    private static void tile4x1(float[] a, int ai, int rs, int cs, float[] b, int bo, int stride, int k,
                                float[] out, int oo, int ors) {
        FloatVector s0 = FloatVector.zero(SPECIES);
        FloatVector s1 = s0;
        FloatVector s2 = s0;
        FloatVector s3 = s0;
        int a1 = ai + rs;
        int a2 = a1 + rs;
        int a3 = a2 + rs;
        for (int p = 0; p < k; p++) {
            FloatVector b0 = FloatVector.fromArray(SPECIES, b, bo + p * stride);
            int at = p * cs;
            s0 = s0.add(FloatVector.broadcast(SPECIES, a[ai + at]).mul(b0));
            s1 = s1.add(FloatVector.broadcast(SPECIES, a[a1 + at]).mul(b0));
            s2 = s2.add(FloatVector.broadcast(SPECIES, a[a2 + at]).mul(b0));
            s3 = s3.add(FloatVector.broadcast(SPECIES, a[a3 + at]).mul(b0));
        }
        s0.intoArray(out, oo);
        s1.intoArray(out, oo + ors);
        s2.intoArray(out, oo + 2 * ors);
        s3.intoArray(out, oo + 3 * ors);
    }

    private static void tile1x2(float[] a, int ai, int cs, float[] b, int bo, int stride, int k, float[] out) {
        FloatVector s0 = FloatVector.zero(SPECIES);
        FloatVector s1 = s0;
        for (int p = 0; p < k; p++) {
            int bp = bo + p * stride;
            FloatVector x = FloatVector.broadcast(SPECIES, a[ai + p * cs]);
            s0 = s0.add(x.mul(FloatVector.fromArray(SPECIES, b, bp)));
            s1 = s1.add(x.mul(FloatVector.fromArray(SPECIES, b, bp + LANES)));
        }
        s0.intoArray(out, 0);
        s1.intoArray(out, LANES);
    }

    private static void tile1x1(float[] a, int ai, int cs, float[] b, int bo, int stride, int k, float[] out) {
        FloatVector s0 = FloatVector.zero(SPECIES);
        for (int p = 0; p < k; p++) {
            s0 = s0.add(FloatVector.broadcast(SPECIES, a[ai + p * cs]).mul(FloatVector.fromArray(SPECIES, b, bo + p * stride)));
        }
        s0.intoArray(out, 0);
    }
}
