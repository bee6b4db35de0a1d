package homework;

import io.cnnhomework.nn.TensorFunction;
import io.cnnhomework.tensor.Tensor;

// Row-wise softmax; each row is shifted by its largest value before exponentiating.
public class Softmax implements TensorFunction {

    @Override
    public Tensor forward(Tensor X) {
        int n = X.size(0);
        int k = X.size(1);
        float[] v = X.toArray();
        float[] p = new float[v.length];
        for (int r = 0; r < n; r++) {
            float top = Float.NEGATIVE_INFINITY;
            for (int c = 0; c < k; c++) {
                top = Math.max(top, v[r * k + c]);
            }
            double total = 0;
            double[] e = new double[k];
            for (int c = 0; c < k; c++) {
                e[c] = Math.exp((double) v[r * k + c] - top);
                total += e[c];
            }
            for (int c = 0; c < k; c++) {
                p[r * k + c] = (float) (e[c] / total);
            }
        }
        return Tensor.of(p, n, k);
    }
}
