package homework;

import io.cnnhomework.nn.LossFunction;
import io.cnnhomework.nn.LossResult;
import io.cnnhomework.tensor.Tensor;

/**
 * Cross-entropy of softmax probabilities, as {@code nn.CrossEntropyLoss(reduction='mean')}
 * applied to logits. Кросс-энтропия, как {@code nn.CrossEntropyLoss(reduction='mean')}.
 *
 * <pre>
 *   p     = softmax(y_pred)
 *   loss  = −(1/m) Σ_i Σ_k y[i, k] · log p[i, k]
 *   deltaL = p − y        (not divided by m: the layers divide dW and db / слои делят сами)
 * </pre>
 */
public class CrossEntropyLoss implements LossFunction {

    /** Softmax is applied here, not as the model's last layer / Softmax применяется здесь. */
    private final Softmax softmax = new Softmax();

    /**
     * @param yPred logits {@code [m, K]}
     * @param y one-hot targets {@code [m, K]}
     * @return the mean loss (a single value) and deltaL {@code [m, K]}
     */
    @Override
    public LossResult get(Tensor yPred, Tensor y) {
        throw new UnsupportedOperationException("CrossEntropyLoss.get: mean of −Σ y·log softmax(yPred), and deltaL = softmax − y");
    }
}
