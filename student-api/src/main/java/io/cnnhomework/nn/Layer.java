package io.cnnhomework.nn;

import io.cnnhomework.tensor.Tensor;

/**
 * A layer of the network: a forward pass that caches what the backward pass needs.
 *
 * <p>Call order: {@link #forward} on a batch, then at most one {@link #backward} for that batch.
 * Calling {@code backward} before any {@code forward} is an error.
 */
public interface Layer extends TensorFunction {

    /**
     * Propagates the error from the layer's output to its input.
     *
     * @param dZ gradient of the batch-summed loss with respect to this layer's last output; same
     *     shape as that output
     * @return dX, the gradient of the batch-summed loss with respect to the last input; same shape
     *     as that input
     */
    Tensor backward(Tensor dZ);

    /**
     * Switches between training and evaluation behaviour (PyTorch's {@code model.train()} /
     * {@code model.eval()}). Only layers that behave differently, such as BatchNorm2d, override it.
     *
     * @param training {@code true} for training mode
     */
    default void setTraining(boolean training) {
    }
}
