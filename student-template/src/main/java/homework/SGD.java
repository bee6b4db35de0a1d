package homework;

import io.cnnhomework.nn.Optimizer;
import io.cnnhomework.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Plain stochastic gradient descent without momentum, as
 * {@code torch.optim.SGD(lr, momentum=0, dampening=0, weight_decay=0, nesterov=False)}:
 * {@code W ← W − lr · dW} for every parameter.
 * Обычный градиентный спуск без момента.
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
     * @param grads gradients keyed dW1, db1, ... ({@code "d" + parameter key})
     * @return the updated parameters keyed W1, b1, ...
     */
    @Override
    public Map<String, Tensor> updateParams(Map<String, Tensor> grads) {
        throw new UnsupportedOperationException("SGD.updateParams: for every key k, params[k] − lr · grads[\"d\" + k]");
    }
}
