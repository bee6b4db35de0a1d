package io.cnnhomework.nn;

import io.cnnhomework.tensor.Tensor;
import java.util.Map;

/**
 * An optimizer such as {@code SGD}. It is built with the model's parameters
 * ({@link Model#getParams()}) and keeps them between steps, as in the notebook.
 */
@FunctionalInterface
public interface Optimizer {

    /**
     * Takes one step.
     *
     * @param grads gradients keyed {@code dW1, db1, dW2, ...}, as {@link Model#backward} returns them
     * @return the new parameters keyed {@code W1, b1, W2, ...}, ready for {@link Model#setParams}
     */
    Map<String, Tensor> updateParams(Map<String, Tensor> grads);
}
