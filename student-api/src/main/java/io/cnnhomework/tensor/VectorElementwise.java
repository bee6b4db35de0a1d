package io.cnnhomework.tensor;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Element-wise kernels with the Vector API for what the JIT does not vectorise by itself:
 * comparisons that produce 1 or 0. The results are those of the plain loops in {@link Strided}.
 * (The four arithmetic operations are left to the JIT: its own vector loops measured faster.)
 */
final class VectorElementwise {

    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;

    private VectorElementwise() {
    }

    /**
     * {@code out[io + i] = a[ia + i] > y ? 1 : 0} for {@code i < n}; NaN compares false, as
     * {@link Strided#greater} has it.
     */
    static void greater(float[] a, int ia, float y, float[] out, int io, int n) {
        FloatVector ones = FloatVector.broadcast(SPECIES, 1f);
        FloatVector zeros = FloatVector.zero(SPECIES);
        int lanes = SPECIES.length();
        int i = 0;
        for (; i + lanes <= n; i += lanes) {
            VectorMask<Float> above = FloatVector.fromArray(SPECIES, a, ia + i).compare(VectorOperators.GT, y);
            zeros.blend(ones, above).intoArray(out, io + i);
        }
        for (; i < n; i++) {
            out[io + i] = Strided.greater(a[ia + i], y);
        }
    }
}
