package homework;

import io.cnnhomework.nn.Optimizer;
import io.cnnhomework.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Stochastic gradient descent, as {@code torch.optim.SGD}. The notebook's constructor
 * {@code SGD(lr, params)} is plain SGD: {@code W ← W − lr · dW} for every parameter.
 * Обычный градиентный спуск; второй конструктор — с моментом и L2-регуляризацией (дополнительное задание).
 *
 * <p>The full rule, step t = 1, 2, ... for every parameter p with gradient g:
 * <pre>
 *   g ← g + weight_decay · p                          (if weight_decay ≠ 0)
 *   if momentum ≠ 0:
 *       buf ← g                                       (t = 1: no dampening on the first step)
 *       buf ← momentum · buf + (1 − dampening) · g    (t &gt; 1)
 *       g ← g + momentum · buf  if nesterov,  else  g ← buf
 *   p ← p − lr · g
 * </pre>
 * {@link #state()} returns {@code buf} as {@code momentum_buffer} per parameter key.
 */
public class SGD implements Optimizer {

    /** The step size / шаг обучения. */
    private final double lr;
    /** The parameters keyed W1, b1, ...; replaced by every step / параметры модели. */
    private Map<String, Tensor> params;

    /**
     * @param lr the learning rate
     * @param params the model's parameters, {@code model.getParams()}
     */
    public SGD(double lr, Map<String, Tensor> params) {
        this.lr = lr;
        this.params = new LinkedHashMap<>(params);
    }

    /**
     * The optional task's SGD, {@code torch.optim.SGD(params, lr, momentum, dampening,
     * weight_decay, nesterov)}.
     *
     * @param params the model's parameters, {@code model.getParams()}
     * @param lr the learning rate
     * @param momentum the momentum factor, 0 for none
     * @param dampening the dampening of the momentum, usually 0
     * @param weightDecay the L2 penalty added to the gradient, 0 for none
     * @param nesterov whether to use Nesterov momentum (needs momentum &gt; 0 and dampening 0)
     */
    public SGD(Map<String, Tensor> params, double lr, double momentum, double dampening, double weightDecay,
            boolean nesterov) {
        throw new UnsupportedOperationException("SGD(params, lr, momentum, dampening, weightDecay, nesterov): keep the "
                + "hyperparameters and a momentum buffer per parameter");
    }

    /**
     * @param grads gradients keyed dW1, db1, ... ({@code "d" + parameter key})
     * @return the updated parameters keyed W1, b1, ...
     */
    @Override
    public Map<String, Tensor> updateParams(Map<String, Tensor> grads) {
        throw new UnsupportedOperationException("SGD.updateParams: for every key k, params[k] − lr · grads[\"d\" + k]");
    }
}
