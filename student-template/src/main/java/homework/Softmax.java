package homework;

import io.cnnhomework.nn.TensorFunction;
import io.cnnhomework.tensor.Tensor;

/**
 * Softmax over the classes of each row:
 * {@code softmax(x)_k = exp(x_k − max_j x_j) / Σ_j exp(x_j − max_j x_j)}.
 *
 * <p>Subtracting the row maximum changes nothing mathematically but keeps {@code exp} from
 * overflowing on large logits. Вычитание максимума строки не меняет результат, но защищает
 * {@code exp} от переполнения на больших логитах.
 */
public class Softmax implements TensorFunction {

    /**
     * @param X logits {@code [m, K]}
     * @return probabilities {@code [m, K]}, each row summing to 1
     */
    @Override
    public Tensor forward(Tensor X) {
        throw new UnsupportedOperationException("Softmax.forward: exp(X − row max) / row sum");
    }
}
