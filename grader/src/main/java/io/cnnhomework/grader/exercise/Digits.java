package io.cnnhomework.grader.exercise;

import io.cnnhomework.tensor.Tensor;

/**
 * The raw sklearn digits and the fixed train/validation split, from which a submission prepares
 * task 3's data.
 *
 * @param pixels raw pixel values 0..16, {@code [1797, 64]}
 * @param targets classes 0..9
 * @param trainIndex rows of the training split, in order
 * @param valIndex rows of the validation split, in order
 */
public record Digits(Tensor pixels, int[] targets, int[] trainIndex, int[] valIndex) {

    /**
     * @param rows row indices, e.g. {@link #trainIndex()}
     * @return their classes, in the same order
     */
    public int[] labels(int[] rows) {
        int[] labels = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            labels[i] = targets[rows[i]];
        }
        return labels;
    }
}
