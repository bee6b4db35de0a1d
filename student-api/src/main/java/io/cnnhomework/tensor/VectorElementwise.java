package io.cnnhomework.tensor;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Element-wise kernels with the Vector API for what the JIT does not vectorise well by itself:
 * comparisons that produce 1 or 0, and the four arithmetic operations over short runs. The
 * results are those of the plain loops in {@link Strided}: the same float operation on each
 * element.
 *
 * <p>The JIT's own vector loops win on long runs, but before its unrolled vector loop starts it
 * runs scalar iterations up to an aligned address, and after it a scalar tail; on the runs of
 * 16 or 64 elements that a per-channel operand cuts an [N, C, H, W] tensor into (a batch norm's
 * mean, a convolution's bias) that is most of the run. The kernels here go a vector at a time
 * from the first element, a block of runs per call: {@code rows} runs of {@code n} elements,
 * run {@code r} of operand {@code a} starting at {@code ia + r * ra}, with stride {@code sa}
 * (1, or 0 for a value repeated along the run), the same for {@code b}, and the output
 * contiguous from {@code io + r * ro}. Each returns false, having done nothing, when neither
 * operand runs contiguously.
 *
 * <p>The four operations are written out one by one on purpose: an operator passed in (a lambda,
 * or a {@code VectorOperators} constant as a parameter) is not a constant to the JIT, and the Vector
 * API then falls back to boxed vectors; a shared kernel would also merge the four type profiles.
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

    /**
     * {@code out[io + i] = Math.min(Math.max(a[ia + i], min), max)} for {@code i < n}: the
     * vector {@code max} and {@code min} are {@code Math}'s, NaN kept and -0 below +0. One pass
     * from the source into a new array (ReLU's forward), where a copy clamped in place made two.
     */
    static void clamp(float[] a, int ia, float min, float max, float[] out, int io, int n) {
        FloatVector low = FloatVector.broadcast(SPECIES, min);
        FloatVector high = FloatVector.broadcast(SPECIES, max);
        int lanes = SPECIES.length();
        int i = 0;
        for (; i + lanes <= n; i += lanes) {
            FloatVector.fromArray(SPECIES, a, ia + i).max(low).min(high).intoArray(out, io + i);
        }
        for (; i < n; i++) {
            out[io + i] = Math.min(Math.max(a[ia + i], min), max);
        }
    }

    /** {@link #rows} for {@code +}. */
    static boolean add(float[] a, int ia, int sa, int ra, float[] b, int ib, int sb, int rb, float[] out, int io,
                       int ro, int n, int rows) {
        int lanes = SPECIES.length();
        if (sa == 1 && sb == 1) {
            for (int r = 0; r < rows; r++) {
                int pa = ia + r * ra;
                int pb = ib + r * rb;
                int po = io + r * ro;
                int i = 0;
                for (; i + lanes <= n; i += lanes) {
                    FloatVector x = FloatVector.fromArray(SPECIES, a, pa + i);
                    x.add(FloatVector.fromArray(SPECIES, b, pb + i)).intoArray(out, po + i);
                }
                for (; i < n; i++) {
                    out[po + i] = a[pa + i] + b[pb + i];
                }
            }
        } else if (sa == 1 && sb == 0) {
            for (int r = 0; r < rows; r++) {
                int pa = ia + r * ra;
                int po = io + r * ro;
                float y = b[ib + r * rb];
                FloatVector yv = FloatVector.broadcast(SPECIES, y);
                int i = 0;
                for (; i + lanes <= n; i += lanes) {
                    FloatVector.fromArray(SPECIES, a, pa + i).add(yv).intoArray(out, po + i);
                }
                for (; i < n; i++) {
                    out[po + i] = a[pa + i] + y;
                }
            }
        } else if (sa == 0 && sb == 1) {
            for (int r = 0; r < rows; r++) {
                int pb = ib + r * rb;
                int po = io + r * ro;
                float x = a[ia + r * ra];
                FloatVector xv = FloatVector.broadcast(SPECIES, x);
                int i = 0;
                for (; i + lanes <= n; i += lanes) {
                    xv.add(FloatVector.fromArray(SPECIES, b, pb + i)).intoArray(out, po + i);
                }
                for (; i < n; i++) {
                    out[po + i] = x + b[pb + i];
                }
            }
        } else {
            return false;
        }
        return true;
    }

    /** {@link #rows} for {@code -}. */
    static boolean sub(float[] a, int ia, int sa, int ra, float[] b, int ib, int sb, int rb, float[] out, int io,
                       int ro, int n, int rows) {
        int lanes = SPECIES.length();
        if (sa == 1 && sb == 1) {
            for (int r = 0; r < rows; r++) {
                int pa = ia + r * ra;
                int pb = ib + r * rb;
                int po = io + r * ro;
                int i = 0;
                for (; i + lanes <= n; i += lanes) {
                    FloatVector x = FloatVector.fromArray(SPECIES, a, pa + i);
                    x.sub(FloatVector.fromArray(SPECIES, b, pb + i)).intoArray(out, po + i);
                }
                for (; i < n; i++) {
                    out[po + i] = a[pa + i] - b[pb + i];
                }
            }
        } else if (sa == 1 && sb == 0) {
            for (int r = 0; r < rows; r++) {
                int pa = ia + r * ra;
                int po = io + r * ro;
                float y = b[ib + r * rb];
                FloatVector yv = FloatVector.broadcast(SPECIES, y);
                int i = 0;
                for (; i + lanes <= n; i += lanes) {
                    FloatVector.fromArray(SPECIES, a, pa + i).sub(yv).intoArray(out, po + i);
                }
                for (; i < n; i++) {
                    out[po + i] = a[pa + i] - y;
                }
            }
        } else if (sa == 0 && sb == 1) {
            for (int r = 0; r < rows; r++) {
                int pb = ib + r * rb;
                int po = io + r * ro;
                float x = a[ia + r * ra];
                FloatVector xv = FloatVector.broadcast(SPECIES, x);
                int i = 0;
                for (; i + lanes <= n; i += lanes) {
                    xv.sub(FloatVector.fromArray(SPECIES, b, pb + i)).intoArray(out, po + i);
                }
                for (; i < n; i++) {
                    out[po + i] = x - b[pb + i];
                }
            }
        } else {
            return false;
        }
        return true;
    }

    /** {@link #rows} for {@code *}. */
    static boolean mul(float[] a, int ia, int sa, int ra, float[] b, int ib, int sb, int rb, float[] out, int io,
                       int ro, int n, int rows) {
        int lanes = SPECIES.length();
        if (sa == 1 && sb == 1) {
            for (int r = 0; r < rows; r++) {
                int pa = ia + r * ra;
                int pb = ib + r * rb;
                int po = io + r * ro;
                int i = 0;
                for (; i + lanes <= n; i += lanes) {
                    FloatVector x = FloatVector.fromArray(SPECIES, a, pa + i);
                    x.mul(FloatVector.fromArray(SPECIES, b, pb + i)).intoArray(out, po + i);
                }
                for (; i < n; i++) {
                    out[po + i] = a[pa + i] * b[pb + i];
                }
            }
        } else if (sa == 1 && sb == 0) {
            for (int r = 0; r < rows; r++) {
                int pa = ia + r * ra;
                int po = io + r * ro;
                float y = b[ib + r * rb];
                FloatVector yv = FloatVector.broadcast(SPECIES, y);
                int i = 0;
                for (; i + lanes <= n; i += lanes) {
                    FloatVector.fromArray(SPECIES, a, pa + i).mul(yv).intoArray(out, po + i);
                }
                for (; i < n; i++) {
                    out[po + i] = a[pa + i] * y;
                }
            }
        } else if (sa == 0 && sb == 1) {
            for (int r = 0; r < rows; r++) {
                int pb = ib + r * rb;
                int po = io + r * ro;
                float x = a[ia + r * ra];
                FloatVector xv = FloatVector.broadcast(SPECIES, x);
                int i = 0;
                for (; i + lanes <= n; i += lanes) {
                    xv.mul(FloatVector.fromArray(SPECIES, b, pb + i)).intoArray(out, po + i);
                }
                for (; i < n; i++) {
                    out[po + i] = x * b[pb + i];
                }
            }
        } else {
            return false;
        }
        return true;
    }

    /** {@link #rows} for {@code /}. */
    static boolean div(float[] a, int ia, int sa, int ra, float[] b, int ib, int sb, int rb, float[] out, int io,
                       int ro, int n, int rows) {
        int lanes = SPECIES.length();
        if (sa == 1 && sb == 1) {
            for (int r = 0; r < rows; r++) {
                int pa = ia + r * ra;
                int pb = ib + r * rb;
                int po = io + r * ro;
                int i = 0;
                for (; i + lanes <= n; i += lanes) {
                    FloatVector x = FloatVector.fromArray(SPECIES, a, pa + i);
                    x.div(FloatVector.fromArray(SPECIES, b, pb + i)).intoArray(out, po + i);
                }
                for (; i < n; i++) {
                    out[po + i] = a[pa + i] / b[pb + i];
                }
            }
        } else if (sa == 1 && sb == 0) {
            for (int r = 0; r < rows; r++) {
                int pa = ia + r * ra;
                int po = io + r * ro;
                float y = b[ib + r * rb];
                FloatVector yv = FloatVector.broadcast(SPECIES, y);
                int i = 0;
                for (; i + lanes <= n; i += lanes) {
                    FloatVector.fromArray(SPECIES, a, pa + i).div(yv).intoArray(out, po + i);
                }
                for (; i < n; i++) {
                    out[po + i] = a[pa + i] / y;
                }
            }
        } else if (sa == 0 && sb == 1) {
            for (int r = 0; r < rows; r++) {
                int pb = ib + r * rb;
                int po = io + r * ro;
                float x = a[ia + r * ra];
                FloatVector xv = FloatVector.broadcast(SPECIES, x);
                int i = 0;
                for (; i + lanes <= n; i += lanes) {
                    xv.div(FloatVector.fromArray(SPECIES, b, pb + i)).intoArray(out, po + i);
                }
                for (; i < n; i++) {
                    out[po + i] = x / b[pb + i];
                }
            }
        } else {
            return false;
        }
        return true;
    }
}
