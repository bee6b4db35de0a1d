package io.cnnhomework.nn;

import io.cnnhomework.tensor.Tensor;
import java.util.Objects;

/**
 * What a loss function returns: the notebook's {@code loss, deltaL = cost.get(y_pred, y)}.
 *
 * @param loss the mean loss over the batch, a 0-d (or one-element) tensor
 * @param deltaL gradient of the batch-summed loss with respect to the logits, {@code [m, K]};
 *     for softmax cross-entropy that is {@code softmax(y_pred) - y}
 */
public record LossResult(Tensor loss, Tensor deltaL) {

    /** Rejects missing parts at once, so the grader can name the culprit. */
    public LossResult {
        Objects.requireNonNull(loss, "loss");
        Objects.requireNonNull(deltaL, "deltaL");
    }
}
