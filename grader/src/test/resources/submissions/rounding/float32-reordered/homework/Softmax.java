package homework;

import io.cnnhomework.nn.TensorFunction;
import io.cnnhomework.tensor.Tensor;

/** Softmax of each row in float: exp(x − max) over a sum taken from the last class to the first. */
public class Softmax implements TensorFunction {

    @Override
    public Tensor forward(Tensor X) {
        float[] x = X.toArray();
        int m = X.size(0);
        int k = X.size(1);
        float[] p = new float[x.length];
        for (int i = 0; i < m; i++) {
            float max = x[i * k];
            for (int j = 1; j < k; j++) {
                max = Math.max(max, x[i * k + j]);
            }
            float total = 0f;
            for (int j = k - 1; j >= 0; j--) {
                p[i * k + j] = (float) Math.exp(x[i * k + j] - max);
                total += p[i * k + j];
            }
            for (int j = 0; j < k; j++) {
                p[i * k + j] /= total;
            }
        }
        return Tensor.of(p, m, k);
    }
}
