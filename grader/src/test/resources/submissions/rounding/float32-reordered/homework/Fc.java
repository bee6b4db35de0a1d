package homework;

import io.cnnhomework.nn.TrainableLayer;
import io.cnnhomework.tensor.Tensor;

/** Z = X·Wᵀ + b by loops in float, each sum from its last term to its first. */
public class Fc extends TrainableLayer {

    private float[] x;
    private int[] xShape;

    public Fc(Tensor W, Tensor b) {
        super(W, b);
    }

    @Override
    public Tensor forward(Tensor X) {
        x = X.toArray();
        xShape = X.shape();
        int m = xShape[0];
        int in = W.size(1);
        int out = W.size(0);
        float[] w = W.toArray();
        float[] bias = b.toArray();
        float[] z = new float[m * out];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < out; j++) {
                float sum = 0f;
                for (int k = in - 1; k >= 0; k--) {
                    sum += x[i * in + k] * w[j * in + k];
                }
                z[i * out + j] = sum + bias[j];
            }
        }
        return Tensor.of(z, m, out);
    }

    @Override
    public Tensor backward(Tensor dZ) {
        float[] dz = dZ.toArray();
        int m = xShape[0];
        int in = W.size(1);
        int out = W.size(0);
        float[] w = W.toArray();
        float[] dx = new float[m * in];
        for (int i = 0; i < m; i++) {
            for (int k = 0; k < in; k++) {
                float sum = 0f;
                for (int j = out - 1; j >= 0; j--) {
                    sum += dz[i * out + j] * w[j * in + k];
                }
                dx[i * in + k] = sum;
            }
        }
        float[] dw = new float[out * in];
        float[] dbias = new float[out];
        for (int j = 0; j < out; j++) {
            for (int k = 0; k < in; k++) {
                float sum = 0f;
                for (int i = m - 1; i >= 0; i--) {
                    sum += dz[i * out + j] * x[i * in + k];
                }
                dw[j * in + k] = sum / m;
            }
            float sum = 0f;
            for (int i = m - 1; i >= 0; i--) {
                sum += dz[i * out + j];
            }
            dbias[j] = sum / m;
        }
        dW = Tensor.of(dw, out, in);
        db = Tensor.of(dbias, out);
        return Tensor.of(dx, m, in);
    }
}
