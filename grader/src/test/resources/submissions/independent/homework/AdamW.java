package homework;

import io.cnnhomework.nn.Optimizer;
import io.cnnhomework.tensor.Tensor;
import java.util.Map;

/**
 * AdamW, as {@code torch.optim.AdamW(params, lr, betas=(beta1, beta2), eps, weight_decay)}
 * (optional task): Adam with decoupled weight decay. AdamW (дополнительное задание): затухание
 * весов отдельно от градиента.
 *
 * <p>Step t = 1, 2, ... for every parameter p with gradient g; m and v start at zero:
 * <pre>
 *   p ← p · (1 − lr · weight_decay)          (first, and g is left alone)
 *   m ← beta1 · m + (1 − beta1) · g
 *   v ← beta2 · v + (1 − beta2) · g²
 *   m̂ ← m / (1 − beta1^t),  v̂ ← v / (1 − beta2^t)
 *   p ← p − lr · m̂ / (√v̂ + eps)
 * </pre>
 * {@link #state()} returns m as {@code exp_avg} and v as {@code exp_avg_sq} per parameter key.
 */
public class AdamW implements Optimizer {

    /**
     * @param params the model's parameters, {@code model.getParams()}
     * @param lr the learning rate, e.g. 1e-3
     * @param beta1 decay of the first moment, e.g. 0.9
     * @param beta2 decay of the second moment, e.g. 0.999
     * @param eps added to the denominator, e.g. 1e-8
     * @param weightDecay the decoupled decay, e.g. 1e-2
     */
    public AdamW(Map<String, Tensor> params, double lr, double beta1, double beta2, double eps, double weightDecay) {
        throw new UnsupportedOperationException("AdamW: keep the hyperparameters, the step count and m, v per parameter");
    }

    /**
     * @param grads gradients keyed dW1, db1, ... ({@code "d" + parameter key})
     * @return the updated parameters keyed W1, b1, ...
     */
    @Override
    public Map<String, Tensor> updateParams(Map<String, Tensor> grads) {
        throw new UnsupportedOperationException("AdamW.updateParams: decay p, then take Adam's step without L2");
    }

    /** @return {@code exp_avg} and {@code exp_avg_sq} per parameter key */
    @Override
    public Map<String, Map<String, Tensor>> state() {
        throw new UnsupportedOperationException("AdamW.state: m as exp_avg and v as exp_avg_sq per parameter key");
    }
}
