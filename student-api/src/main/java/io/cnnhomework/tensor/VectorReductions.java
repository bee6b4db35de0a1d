package io.cnnhomework.tensor;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Reductions}' double sums of contiguous floats with the Vector API: four floats at a
 * time widened to four doubles, two such vectors side by side, which are the eight partial sums
 * of {@link Reductions#sum} (lanes 0–3 and 4–7), added at the end in its tree order. The same
 * additions in the same order, so the same bits, with 256-bit vectors that AVX2 and AVX-512
 * both run.
 */
final class VectorReductions {

    private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_128;
    private static final VectorSpecies<Double> DOUBLES = DoubleVector.SPECIES_256;

    private VectorReductions() {
    }

    private static DoubleVector widen(float[] data, int at) {
        return (DoubleVector) FloatVector.fromArray(FLOATS, data, at).convertShape(VectorOperators.F2D, DOUBLES, 0);
    }

    /** Lanes t0..t3 of {@code low + high}: {@code ((t0 + t1) + (t2 + t3))}, as Reductions adds them. */
    private static double combine(DoubleVector low, DoubleVector high) {
        DoubleVector t = low.add(high);
        return (t.lane(0) + t.lane(1)) + (t.lane(2) + t.lane(3));
    }

    static double sum(float[] data, int from, int n) {
        DoubleVector low = DoubleVector.zero(DOUBLES);
        DoubleVector high = low;
        int i = 0;
        for (; i + 8 <= n; i += 8) {
            low = low.add(widen(data, from + i));
            high = high.add(widen(data, from + i + 4));
        }
        double s = combine(low, high);
        for (; i < n; i++) {
            s += data[from + i];
        }
        return s;
    }

    static double squaredDeviation(float[] data, int from, int n, double mean) {
        DoubleVector low = DoubleVector.zero(DOUBLES);
        DoubleVector high = low;
        DoubleVector m = DoubleVector.broadcast(DOUBLES, mean);
        int i = 0;
        for (; i + 8 <= n; i += 8) {
            DoubleVector d0 = widen(data, from + i).sub(m);
            DoubleVector d1 = widen(data, from + i + 4).sub(m);
            low = low.add(d0.mul(d0));
            high = high.add(d1.mul(d1));
        }
        double s = combine(low, high);
        for (; i < n; i++) {
            double d = data[from + i] - mean;
            s += d * d;
        }
        return s;
    }
}
