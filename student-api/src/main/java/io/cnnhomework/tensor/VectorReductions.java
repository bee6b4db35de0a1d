package io.cnnhomework.tensor;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
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

    private VectorReductions() {
    }

    /** Whether these kernels fit this machine's vectors: a load is 8 or 16 floats, half of it that many doubles. */
    static boolean usable() {
        return (STEP == 8 || STEP == 16) && HALF * 2 == STEP;
    }

    private static DoubleVector half(FloatVector x, int part) {
        return (DoubleVector) x.convert(VectorOperators.F2D, part);
    }

    static double sum(float[] data, int from, int n) {
        double[] partial = new double[8];
        int i = 0;
        if (HALF == 8) {
            DoubleVector s = DoubleVector.zero(DOUBLES);
            for (; i + STEP <= n; i += STEP) {
                FloatVector x = FloatVector.fromArray(FLOATS, data, from + i);
                s = s.add(half(x, 0)).add(half(x, 1));
            }
            s.intoArray(partial, 0);
        } else {
            DoubleVector low = DoubleVector.zero(DOUBLES);
            DoubleVector high = low;
            for (; i + STEP <= n; i += STEP) {
                FloatVector x = FloatVector.fromArray(FLOATS, data, from + i);
                low = low.add(half(x, 0));
                high = high.add(half(x, 1));
            }
            low.intoArray(partial, 0);
            high.intoArray(partial, 4);
        }
        for (; i + 8 <= n; i += 8) {
            for (int j = 0; j < 8; j++) {
                partial[j] += data[from + i + j];
            }
        }
        double s = combine(partial);
        for (; i < n; i++) {
            s += data[from + i];
        }
        return s;
    }

    static double squaredDeviation(float[] data, int from, int n, double mean) {
        double[] partial = new double[8];
        DoubleVector m = DoubleVector.broadcast(DOUBLES, mean);
        int i = 0;
        if (HALF == 8) {
            DoubleVector s = DoubleVector.zero(DOUBLES);
            for (; i + STEP <= n; i += STEP) {
                FloatVector x = FloatVector.fromArray(FLOATS, data, from + i);
                DoubleVector d0 = half(x, 0).sub(m);
                DoubleVector d1 = half(x, 1).sub(m);
                s = s.add(d0.mul(d0)).add(d1.mul(d1));
            }
            s.intoArray(partial, 0);
        } else {
            DoubleVector low = DoubleVector.zero(DOUBLES);
            DoubleVector high = low;
            for (; i + STEP <= n; i += STEP) {
                FloatVector x = FloatVector.fromArray(FLOATS, data, from + i);
                DoubleVector d0 = half(x, 0).sub(m);
                DoubleVector d1 = half(x, 1).sub(m);
                low = low.add(d0.mul(d0));
                high = high.add(d1.mul(d1));
            }
            low.intoArray(partial, 0);
            high.intoArray(partial, 4);
        }
        for (; i + 8 <= n; i += 8) {
            for (int j = 0; j < 8; j++) {
                double d = data[from + i + j] - mean;
                partial[j] += d * d;
            }
        }
        double s = combine(partial);
        for (; i < n; i++) {
            double d = data[from + i] - mean;
            s += d * d;
        }
        return s;
    }

    /** {@code ((s0 + s4) + (s1 + s5)) + ((s2 + s6) + (s3 + s7))}, as {@link Reductions#sum} adds them. */
    private static double combine(double[] s) {
        return ((s[0] + s[4]) + (s[1] + s[5])) + ((s[2] + s[6]) + (s[3] + s[7]));
    }
}
