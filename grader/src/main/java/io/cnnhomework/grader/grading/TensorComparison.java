package io.cnnhomework.grader.grading;

import io.cnnhomework.grader.messages.Text;
import io.cnnhomework.tensor.Tensor;
import java.util.Arrays;
import java.util.Locale;

/**
 * How one produced tensor compares with PyTorch's: shape first, then element by element under a
 * {@link Tolerance}, keeping the first and the largest mismatch.
 *
 * @param tensor the tensor's name ({@code output}, {@code grad_weight}, ...)
 * @param passed whether every element agrees
 * @param expectedShape PyTorch's shape
 * @param actualShape the submission's shape, or {@code null} when it produced nothing
 * @param mismatches elements outside the tolerance (all of them on a shape mismatch)
 * @param firstIndex index of the first mismatch, or {@code null}
 * @param firstExpected PyTorch's value there
 * @param firstActual the submission's value there
 * @param worstIndex index of the largest |difference| (a non-finite value counts as largest), or
 *     {@code null}
 * @param worstExpected PyTorch's value there
 * @param worstActual the submission's value there
 * @param maxAbsError the largest |actual − expected| over all elements, matching or not; infinite
 *     on a shape mismatch or a non-finite value
 * @param description one line saying what differs, where, expected and actual ({@link #describe()})
 */
public record TensorComparison(String tensor, boolean passed, int[] expectedShape, int[] actualShape, int mismatches,
        int[] firstIndex, double firstExpected, double firstActual, int[] worstIndex, double worstExpected,
        double worstActual, double maxAbsError, Text description) {

    private TensorComparison(String tensor, boolean passed, int[] expectedShape, int[] actualShape, int mismatches,
            int[] firstIndex, double firstExpected, double firstActual, int[] worstIndex, double worstExpected,
            double worstActual, double maxAbsError) {
        this(tensor, passed, expectedShape, actualShape, mismatches, firstIndex, firstExpected, firstActual, worstIndex, worstExpected,
                worstActual, maxAbsError, describe(tensor, passed, expectedShape, actualShape, mismatches, firstIndex, firstExpected,
                        firstActual, worstIndex, worstExpected, worstActual));
    }

    /**
     * @param tensor the tensor's name
     * @param expected PyTorch's tensor
     * @param actual the submission's, or {@code null}
     * @param tolerance the rule
     * @return the comparison
     */
    public static TensorComparison compare(String tensor, Tensor expected, Tensor actual, Tolerance tolerance) {
        int[] expectedShape = expected.shape();
        if (actual == null || !Arrays.equals(shapeOrScalar(expectedShape), shapeOrScalar(actual.shape()))) {
            return new TensorComparison(tensor, false, expectedShape, actual == null ? null : actual.shape(),
                    expected.numel(), null, Double.NaN, Double.NaN, null, Double.NaN, Double.NaN, Double.POSITIVE_INFINITY);
        }
        float[] e = expected.toArray();
        float[] a = actual.toArray();
        int mismatches = 0;
        int first = -1;
        int worst = -1;
        double worstError = -1;
        double maxAbsError = 0;
        for (int i = 0; i < e.length; i++) {
            double error = Double.isFinite(a[i]) || Double.compare(a[i], e[i]) == 0 ? Math.abs(a[i] - e[i]) : Double.POSITIVE_INFINITY;
            if (Double.isFinite(error)) {
                maxAbsError = Math.max(maxAbsError, error);
            } else if (!Double.isNaN(error) || !Double.isNaN(e[i])) {
                maxAbsError = Double.POSITIVE_INFINITY;
            }
            if (tolerance.accepts(a[i], e[i])) {
                continue;
            }
            mismatches++;
            if (first < 0) {
                first = i;
            }
            double ranked = Double.isNaN(error) ? Double.POSITIVE_INFINITY : error;
            if (ranked > worstError) {
                worstError = ranked;
                worst = i;
            }
        }
        if (first < 0) {
            return new TensorComparison(tensor, true, expectedShape, actual.shape(), 0, null, Double.NaN, Double.NaN,
                    null, Double.NaN, Double.NaN, maxAbsError);
        }
        return new TensorComparison(tensor, false, expectedShape, actual.shape(), mismatches,
                unravel(first, expectedShape), e[first], a[first], unravel(worst, expectedShape), e[worst], a[worst], maxAbsError);
    }

    /** @return whether the shapes differed (or nothing was produced) */
    public boolean shapeMismatch() {
        return actualShape == null || !Arrays.equals(shapeOrScalar(expectedShape), shapeOrScalar(actualShape));
    }

    /** @return |actual − expected| at the largest mismatch, infinite when not finite, 0 when all agree */
    public double worstError() {
        if (passed) {
            return 0;
        }
        if (shapeMismatch()) {
            return Double.POSITIVE_INFINITY;
        }
        double error = Math.abs(worstActual - worstExpected);
        return Double.isNaN(error) ? Double.POSITIVE_INFINITY : error;
    }

    /** @return one line saying what differs, where, expected and actual */
    public Text describe() {
        return description;
    }

    /**
     * @return this comparison as the students of a private reference set may see it: PyTorch's
     *     values left out, the largest error rounded ({@link Text#rounded(double)}), the
     *     submission's own values, the indices and the counts kept
     */
    public TensorComparison withoutReferenceValues() {
        double rounded = Double.isFinite(maxAbsError) ? Double.parseDouble(Text.rounded(maxAbsError)) : maxAbsError;
        return new TensorComparison(tensor, passed, expectedShape, actualShape, mismatches, firstIndex, Double.NaN, firstActual,
                worstIndex, Double.NaN, worstActual, rounded, description.withoutReferenceValues());
    }

    private static Text describe(String tensor, boolean passed, int[] expectedShape, int[] actualShape, int mismatches, int[] firstIndex,
            double firstExpected, double firstActual, int[] worstIndex, double worstExpected, double worstActual) {
        if (passed) {
            return Text.of("compare.match", tensor);
        }
        if (actualShape == null) {
            return Text.of("compare.missing", tensor, Arrays.toString(expectedShape));
        }
        if (!Arrays.equals(shapeOrScalar(expectedShape), shapeOrScalar(actualShape))) {
            return Text.of("compare.shape", tensor, Arrays.toString(expectedShape), Arrays.toString(actualShape));
        }
        int total = Math.max(1, Arrays.stream(expectedShape).reduce(1, (x, y) -> x * y));
        double firstError = Math.abs(firstActual - firstExpected);
        double worstError = Math.abs(worstActual - worstExpected);
        worstError = Double.isNaN(worstError) ? Double.POSITIVE_INFINITY : worstError;
        return Text.of("compare.values", tensor, mismatches, total, Arrays.toString(firstIndex), number(firstExpected),
                number(firstActual), Arrays.toString(worstIndex), number(worstExpected), number(worstActual), number(worstError))
                .withoutReference(Text.of("compare.values.hidden", tensor, mismatches, total, Arrays.toString(firstIndex),
                        Text.rounded(Double.isNaN(firstError) ? Double.POSITIVE_INFINITY : firstError), number(firstActual),
                        Arrays.toString(worstIndex), Text.rounded(worstError), number(worstActual)));
    }

    /**
     * @param value a number
     * @return it with 6 significant digits, the same in every language
     */
    public static String number(double value) {
        if (!Double.isFinite(value)) {
            return Double.toString(value);
        }
        return String.format(Locale.ROOT, "%.6g", value);
    }

    /** PyTorch treats a one-element tensor and a 0-d tensor alike for losses; so does the check. */
    private static int[] shapeOrScalar(int[] shape) {
        return Arrays.stream(shape).allMatch(d -> d == 1) ? new int[0] : shape;
    }

    private static int[] unravel(int flat, int[] shape) {
        int[] index = new int[shape.length];
        for (int d = shape.length - 1; d >= 0; d--) {
            index[d] = flat % shape[d];
            flat /= shape[d];
        }
        return index;
    }
}
