package homework;

import io.cnnhomework.nn.LossFunction;
import io.cnnhomework.nn.LossResult;
import io.cnnhomework.tensor.Tensor;

/** Mean cross-entropy through log-sum-exp, in double; deltaL = softmax − y. */
public class CrossEntropyLoss implements LossFunction {

    @Override
    public LossResult get(Tensor yPred, Tensor y) {
        Array64 logits = Array64.of(yPred);
        Array64 target = Array64.of(y);
        int m = logits.size(0);
        int k = logits.size(1);
        double total = 0;
        for (int i = 0; i < m; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < k; j++) {
                max = Math.max(max, logits.data()[i * k + j]);
            }
            double sum = 0;
            for (int j = 0; j < k; j++) {
                sum += Math.exp(logits.data()[i * k + j] - max);
            }
            double logSum = max + Math.log(sum);
            for (int j = 0; j < k; j++) {
                total -= target.data()[i * k + j] * (logits.data()[i * k + j] - logSum);
            }
        }
        Array64 delta = Softmax.probabilities(logits);
        for (int i = 0; i < delta.data().length; i++) {
            delta.data()[i] -= target.data()[i];
        }
        return new LossResult(Tensor.scalar((float) (total / m)), delta.tensor());
    }
}
