package homework;

import io.cnnhomework.nn.LossFunction;
import io.cnnhomework.nn.LossResult;
import io.cnnhomework.tensor.Tensor;

/**
 * Cross-entropy of softmax probabilities, as {@code nn.CrossEntropyLoss(reduction='mean')}
 * applied to logits. Кросс-энтропия, как {@code nn.CrossEntropyLoss(reduction='mean')}.
 *
 * <p>Take log p from the logits directly (log-softmax), with the row maximum subtracted:
 * <pre>
 *   log p[i, k] = (y_pred[i, k] − max_j y_pred[i, j]) − log Σ_j exp(y_pred[i, j] − max_j y_pred[i, j])
 *   loss   = −(1/m) Σ_i Σ_k y[i, k] · log p[i, k]
 *   deltaL = softmax(y_pred) − y     (not divided by m: the layers divide dW and db / слои делят сами)
 * </pre>
 * Do not compute {@code log(softmax(y_pred))}: on large logits a probability underflows to 0 in
 * float even with the maximum subtracted, log(0) = −∞ and the loss becomes NaN (0 · −∞).
 *
 * <p>Логарифм вероятностей берите сразу из логитов (log-softmax), вычтя максимум строки, как в
 * формуле выше. Не вычисляйте {@code log(softmax(y_pred))}: на больших логитах вероятность
 * обращается в 0 даже после вычитания максимума, log(0) = −∞, и значение потерь становится NaN.
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
        throw new UnsupportedOperationException("CrossEntropyLoss.get: mean of −Σ y·log-softmax(yPred), and deltaL = softmax − y");
    }
}
