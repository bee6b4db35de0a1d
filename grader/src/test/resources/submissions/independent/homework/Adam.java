package homework;

import io.cnnhomework.nn.Optimizer;
import io.cnnhomework.tensor.Tensor;
import java.util.Map;

/**
 * Adam, as {@code torch.optim.Adam(params, lr, betas=(beta1, beta2), eps, weight_decay)}
 * (optional task). Адам (дополнительное задание).
 *
 * <p>Step t = 1, 2, ... for every parameter p with gradient g; m and v start at zero:
 * <pre>
 *   g ← g + weight_decay · p                 (L2 penalty, if weight_decay ≠ 0)
 *   m ← beta1 · m + (1 − beta1) · g
 *   v ← beta2 · v + (1 − beta2) · g²
 *   m̂ ← m / (1 − beta1^t)                    (bias correction)
 *   v̂ ← v / (1 − beta2^t)
 *   p ← p − lr · m̂ / (√v̂ + eps)              (eps outside the square root)
 * </pre>
 * {@link #state()} returns m as {@code exp_avg} and v as {@code exp_avg_sq} per parameter key.
 */
public class Adam implements Optimizer {

    /**
     * @param params the model's parameters, {@code model.getParams()}
     * @param lr the learning rate, e.g. 1e-3
     * @param beta1 decay of the first moment, e.g. 0.9
     * @param beta2 decay of the second moment, e.g. 0.999
     * @param eps added to the denominator, e.g. 1e-8
     * @param weightDecay the L2 penalty added to the gradient, 0 for none
     */
    public Adam(Map<String, Tensor> params, double lr, double beta1, double beta2, double eps, double weightDecay) {
        throw new UnsupportedOperationException("Adam: keep the hyperparameters, the step count and m, v per parameter");
    }

    /**
     * @param grads gradients keyed dW1, db1, ... ({@code "d" + parameter key})
     * @return the updated parameters keyed W1, b1, ...
     */
    @Override
    public Map<String, Tensor> updateParams(Map<String, Tensor> grads) {
        throw new UnsupportedOperationException("Adam.updateParams: update m and v, correct their bias, then step");
    }

    /** @return {@code exp_avg} and {@code exp_avg_sq} per parameter key */
    @Override
    public Map<String, Map<String, Tensor>> state() {
        throw new UnsupportedOperationException("Adam.state: m as exp_avg and v as exp_avg_sq per parameter key");
    }
}
