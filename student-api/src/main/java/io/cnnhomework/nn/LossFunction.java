package io.cnnhomework.nn;

import io.cnnhomework.tensor.Tensor;

/** A loss such as {@code CrossEntropyLoss}: the value and the error to back-propagate. */
@FunctionalInterface
public interface LossFunction {

    /**
     * Computes the mean loss over the batch and the error for the last layer.
     *
     * @param yPred the logits, {@code [m, K]} (no softmax applied yet)
     * @param y the one-hot targets, {@code [m, K]}
     * @return the loss and deltaL
     */
    LossResult get(Tensor yPred, Tensor y);
}
