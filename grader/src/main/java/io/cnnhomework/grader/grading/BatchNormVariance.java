package io.cnnhomework.grader.grading;

import io.cnnhomework.grader.reference.LayerCase;
import io.cnnhomework.tensor.Tensor;
import java.util.Locale;
import java.util.Optional;

/**
 * Recognises BatchNorm2d's batch variance computed in one pass, {@code E[x²] − E[x]²}. On a mean
 * large against the spread the two terms nearly cancel, and what is left of the variance is float
 * rounding of {@code E[x²]}: the output is still each channel's {@code x} scaled and shifted, but by
 * a variance off by about {@code n} float ulps of {@code μ² + σ²}. No single prediction
 * reproduces rounding, so the check fits each channel's scale and shift and asks whether the
 * variance and mean they imply are off by no more than such rounding.
 */
final class BatchNormVariance {

    private static final int[] BATCH_AND_SPACE = {0, 2, 3};
    private static final double EPS = 1e-5;
    /** The relative rounding of one float operation. */
    private static final double FLOAT_ROUNDING = 0x1p-24;

    private BatchNormVariance() {
    }

    /**
     * @param layerCase a BatchNorm2d case in train mode
     * @param actual the submission's output, which differs from PyTorch's
     * @return the one-pass hint when every channel's output is its input normalised by a variance
     *     and mean off by float cancellation only
     */
    static Optional<Hint> onePass(LayerCase layerCase, Tensor actual) {
        Tensor x = layerCase.inputs().get("input");
        int m = x.size(0);
        int channels = x.size(1);
        int plane = x.size(2) * x.size(3);
        int n = m * plane;
        float[] input = x.toArray();
        float[] output = actual.toArray();
        float[] gamma = layerCase.inputs().get("weight").toArray();
        float[] beta = layerCase.inputs().get("bias").toArray();
        float[] mean = x.mean(BATCH_AND_SPACE, false).toArray();
        float[] var = x.var(BATCH_AND_SPACE, false, false).toArray();
        float[] predicted = new float[input.length];
        double worstRelative = 0;
        int worstChannel = 0;
        for (int c = 0; c < channels; c++) {
            if (Math.abs(gamma[c]) < 1e-6) {
                return Optional.empty();
            }
            // Least squares of r = (y − β)/γ against x − μ: r = scale · (x − μ) + shift.
            double products = 0;
            double squares = 0;
            double shift = 0;
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < plane; j++) {
                    int at = (i * channels + c) * plane + j;
                    double centred = input[at] - (double) mean[c];
                    double r = (output[at] - (double) beta[c]) / gamma[c];
                    products += centred * r;
                    squares += centred * centred;
                    shift += r / n;
                }
            }
            if (squares == 0 || products <= 0) {
                return Optional.empty();
            }
            double scale = products / squares;
            double impliedVar = 1 / (scale * scale) - EPS;
            double impliedMean = mean[c] - shift / scale;
            double magnitude = (double) mean[c] * mean[c] + var[c];
            double bound = 2 * n * FLOAT_ROUNDING * magnitude;
            if (Math.abs(impliedVar - var[c]) > bound || Math.abs(impliedMean - mean[c]) > 2 * n * FLOAT_ROUNDING * Math.abs(mean[c]) + bound) {
                return Optional.empty();
            }
            double relative = Math.abs(impliedVar - var[c]) / var[c];
            if (relative > worstRelative) {
                worstRelative = relative;
                worstChannel = c;
            }
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < plane; j++) {
                    int at = (i * channels + c) * plane + j;
                    predicted[at] = (float) (gamma[c] * (scale * (input[at] - (double) mean[c]) + shift) + beta[c]);
                }
            }
        }
        if (!MistakeDiagnosis.matches(layerCase, "output", Tensor.of(predicted, x.shape()), actual)) {
            return Optional.empty();
        }
        return Optional.of(Hint.of("bn-one-pass-variance", String.format(Locale.ROOT, "%.1e", worstRelative), worstChannel,
                TensorComparison.number(mean[worstChannel]), TensorComparison.number(Math.sqrt(var[worstChannel]))));
    }
}
