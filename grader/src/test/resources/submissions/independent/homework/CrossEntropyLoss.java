package homework;

import io.cnnhomework.nn.LossFunction;
import io.cnnhomework.nn.LossResult;
import io.cnnhomework.tensor.Tensor;

// Mean negative log-likelihood from log-sum-exp, and the error softmax − y for backward.
public class CrossEntropyLoss implements LossFunction {

    @Override
    public LossResult get(Tensor yPred, Tensor y) {
        int n = yPred.size(0);
        int k = yPred.size(1);
        float[] logits = yPred.toArray();
        float[] target = y.toArray();
        float[] delta = new float[logits.length];
        double nll = 0;
        for (int r = 0; r < n; r++) {
            double top = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < k; c++) {
                top = Math.max(top, logits[r * k + c]);
            }
            double sumExp = 0;
            for (int c = 0; c < k; c++) {
                sumExp += Math.exp(logits[r * k + c] - top);
            }
            double logZ = top + Math.log(sumExp);
            for (int c = 0; c < k; c++) {
                double logP = logits[r * k + c] - logZ;
                nll -= target[r * k + c] * logP;
                delta[r * k + c] = (float) (Math.exp(logP) - target[r * k + c]);
            }
        }
        return new LossResult(Tensor.scalar((float) (nll / n)), Tensor.of(delta, n, k));
    }
}
