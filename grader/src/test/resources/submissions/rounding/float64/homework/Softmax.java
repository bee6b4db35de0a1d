package homework;

import io.cnnhomework.nn.TensorFunction;
import io.cnnhomework.tensor.Tensor;

/** Row-wise softmax in double, shifted by the row maximum. */
public class Softmax implements TensorFunction {

    @Override
    public Tensor forward(Tensor X) {
        return probabilities(Array64.of(X)).tensor();
    }

    static Array64 probabilities(Array64 logits) {
        int m = logits.size(0);
        int k = logits.size(1);
        double[] p = new double[m * k];
        for (int i = 0; i < m; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < k; j++) {
                max = Math.max(max, logits.data()[i * k + j]);
            }
            double total = 0;
            for (int j = 0; j < k; j++) {
                p[i * k + j] = Math.exp(logits.data()[i * k + j] - max);
                total += p[i * k + j];
            }
            for (int j = 0; j < k; j++) {
                p[i * k + j] /= total;
            }
        }
        return new Array64(p, logits.shape());
    }
}
