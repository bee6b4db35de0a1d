package io.cnnhomework.grader.reference;

import io.cnnhomework.grader.exercise.Digits;
import io.cnnhomework.tensor.Tensor;

/**
 * How the exporter standardised the digits: {@code (x − mean) / std} with the mean and unbiased
 * std of every pixel of the training split, in float32 ({@code digits/normalization.json}).
 *
 * @param mean the training pixels' mean, as PyTorch computed it in float32
 * @param std their unbiased standard deviation, likewise
 * @param meanFloat64 the same mean computed in float64 (as good as exact), to say how far a
 *     submission's own statistics are off
 * @param stdFloat64 the same std computed in float64
 */
public record Standardisation(float mean, float std, double meanFloat64, double stdFloat64) {

    /**
     * The rows of a split as standardised images, exactly as the exporter computes them.
     *
     * @param digits the raw digits
     * @param rows the split's row indices
     * @return {@code [rows.length, 1, 8, 8]}
     */
    public Tensor images(Digits digits, int[] rows) {
        float[] pixels = digits.pixels().toArray();
        int width = digits.pixels().size(1);
        float[] out = new float[rows.length * width];
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < width; j++) {
                out[i * width + j] = (pixels[rows[i] * width + j] - mean) / std;
            }
        }
        int side = (int) Math.round(Math.sqrt(width));
        return Tensor.of(out, rows.length, 1, side, side);
    }
}
