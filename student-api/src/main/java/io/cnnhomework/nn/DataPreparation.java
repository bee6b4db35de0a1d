package io.cnnhomework.nn;

import io.cnnhomework.tensor.Tensor;

/**
 * Task 3's data preparation, the notebook's {@code get_data_numbers()}.
 *
 * <p>The grader passes the raw sklearn digits and the exported split; the submission returns the
 * images as {@code [N, 1, 8, 8]} float32, normalised by the mean and the unbiased standard
 * deviation of all training pixels (scalars, as task 1 normalises its lines), the validation images
 * with the same training statistics.
 */
@FunctionalInterface
public interface DataPreparation {

    /**
     * Prepares the split.
     *
     * @param pixels raw pixel values 0..16, {@code [1797, 64]}, row-major 8×8 images
     * @param targets the class of each image, length 1797
     * @param trainIndex rows of the training split, in order
     * @param valIndex rows of the validation split, in order
     * @return the prepared training and validation data, in the order of the indices
     */
    DigitsSplit prepare(Tensor pixels, int[] targets, int[] trainIndex, int[] valIndex);
}
