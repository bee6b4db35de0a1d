package io.cnnhomework.grader.reference;

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
}
