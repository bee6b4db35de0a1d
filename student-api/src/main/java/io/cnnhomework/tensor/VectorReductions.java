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
        // The partial sums leave the vectors lane by lane: an array for them would be allocated
        // on every call, a thousand per batch norm.
        double s0 = low.lane(0);
        double s1 = low.lane(1);
        double s2 = low.lane(2);
        double s3 = low.lane(3);
        double s4 = HALF == 8 ? low.lane(4) : high.lane(0);
        double s5 = HALF == 8 ? low.lane(5) : high.lane(1);
        double s6 = HALF == 8 ? low.lane(6) : high.lane(2);
        double s7 = HALF == 8 ? low.lane(7) : high.lane(3);
        for (; i + 8 <= n; i += 8) {
            int at = from + i;
            s0 += data[at];
            s1 += data[at + 1];
            s2 += data[at + 2];
            s3 += data[at + 3];
            s4 += data[at + 4];
            s5 += data[at + 5];
            s6 += data[at + 6];
            s7 += data[at + 7];
        }
        double s = ((s0 + s4) + (s1 + s5)) + ((s2 + s6) + (s3 + s7));
        for (; i < n; i++) {
            s += data[from + i];
        }
        return s;
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
        double s0 = low.lane(0);
        double s1 = low.lane(1);
        double s2 = low.lane(2);
        double s3 = low.lane(3);
        double s4 = HALF == 8 ? low.lane(4) : high.lane(0);
        double s5 = HALF == 8 ? low.lane(5) : high.lane(1);
        double s6 = HALF == 8 ? low.lane(6) : high.lane(2);
        double s7 = HALF == 8 ? low.lane(7) : high.lane(3);
        for (; i + 8 <= n; i += 8) {
            int at = from + i;
            double d0 = data[at] - mean;
            double d1 = data[at + 1] - mean;
            double d2 = data[at + 2] - mean;
            double d3 = data[at + 3] - mean;
            double d4 = data[at + 4] - mean;
            double d5 = data[at + 5] - mean;
            double d6 = data[at + 6] - mean;
            double d7 = data[at + 7] - mean;
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
            double d = data[from + i] - mean;
            s += d * d;
        }
        return s;
    }
}
