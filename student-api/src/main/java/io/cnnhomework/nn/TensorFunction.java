package io.cnnhomework.nn;

import io.cnnhomework.tensor.Tensor;

/**
 * Anything with a forward pass: a layer, or {@code Softmax}, which the notebook uses forward only.
 */
@FunctionalInterface
public interface TensorFunction {

    /**
     * Computes the output for a batch.
     *
     * @param x the input, batch first (for example {@code [m, C, H, W]} or {@code [m, features]})
     * @return the output, batch first
     */
    Tensor forward(Tensor x);
}
