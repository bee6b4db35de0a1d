package io.cnnhomework.grader.exercise;

import io.cnnhomework.tensor.Tensor;
import java.util.Map;

/**
 * What a submission computed in one training epoch, for locating where it parts from PyTorch.
 *
 * @param logits the forward pass's output, {@code [m, K]}
 * @param params the parameters used by that forward pass, keyed {@code W1, b1, ...}
 * @param grads the gradients that epoch's backward pass returned, keyed {@code dW1, db1, ...}
 */
public record EpochTrace(Tensor logits, Map<String, Tensor> params, Map<String, Tensor> grads) {
}
