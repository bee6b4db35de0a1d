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
        return Reductions.sum(data, from, 1, n, i, lane(low, high, 0), lane(low, high, 1), lane(low, high, 2),
                lane(low, high, 3), lane(low, high, 4), lane(low, high, 5), lane(low, high, 6), lane(low, high, 7));
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
        return Reductions.squaredDeviation(data, from, 1, n, mean, i, lane(low, high, 0), lane(low, high, 1),
                lane(low, high, 2), lane(low, high, 3), lane(low, high, 4), lane(low, high, 5), lane(low, high, 6),
                lane(low, high, 7));
    }

    /** Partial sum {@code j} of eight: lane j of {@code low}, or with four lanes a vector, lane j - 4 of {@code high}. */
    private static double lane(DoubleVector low, DoubleVector high, int j) {
        return HALF == 8 || j < 4 ? low.lane(j) : high.lane(j - 4);
    }
}
