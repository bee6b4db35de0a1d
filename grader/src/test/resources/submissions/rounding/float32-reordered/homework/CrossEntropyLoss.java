package homework;

import io.cnnhomework.nn.LossFunction;
import io.cnnhomework.nn.LossResult;
import io.cnnhomework.tensor.Tensor;

/** Mean cross-entropy in float as log-sum-exp minus the true logit; deltaL = softmax − y. */
public class CrossEntropyLoss implements LossFunction {

    private final Softmax softmax = new Softmax();

    @Override
    public LossResult get(Tensor yPred, Tensor y) {
        float[] logits = yPred.toArray();
        float[] target = y.toArray();
        int m = yPred.size(0);
        int k = yPred.size(1);
        float total = 0f;
        for (int i = m - 1; i >= 0; i--) {
            float max = logits[i * k];
            for (int j = 1; j < k; j++) {
                max = Math.max(max, logits[i * k + j]);
            }
            float sum = 0f;
            for (int j = k - 1; j >= 0; j--) {
                sum += (float) Math.exp(logits[i * k + j] - max);
            }
            float logSum = max + (float) Math.log(sum);
            for (int j = k - 1; j >= 0; j--) {
                total += target[i * k + j] * (logSum - logits[i * k + j]);
            }
        }
        float[] p = softmax.forward(yPred).toArray();
        for (int i = 0; i < p.length; i++) {
            p[i] -= target[i];
        }
        return new LossResult(Tensor.scalar(total / m), Tensor.of(p, m, k));
    }
}
