package io.cnnhomework.nn;

import io.cnnhomework.tensor.Tensor;
import java.util.Map;

/**
 * An optimizer such as {@code SGD} or {@code Adam}. It is built with the model's parameters
 * ({@link Model#getParams()}) and keeps them between steps, as in the notebook.
 *
 * <p>Call order: construct with the parameters, then one {@link #updateParams} per training step,
 * each with the gradients of that step; hand its result to {@link Model#setParams}. An optimizer
 * with memory (momentum, Adam's moments) exposes it through {@link #state()}, so the grader can
 * compare it with {@code torch.optim}'s after every step.
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

    /**
     * What the optimizer remembers between steps, named as {@code torch.optim} names it in
     * {@code optimizer.state[p]}: {@code momentum_buffer} for SGD with momentum, {@code exp_avg}
     * and {@code exp_avg_sq} for Adam and AdamW.
     *
     * <p>Example after one step of Adam on parameters W1, b1:
     * {@code {W1={exp_avg=..., exp_avg_sq=...}, b1={exp_avg=..., exp_avg_sq=...}}}.
     *
     * @return the state per parameter key ({@code W1, b1, ...}); empty for plain SGD and before the
     *     first step
     */
    default Map<String, Map<String, Tensor>> state() {
        return Map.of();
    }
}
