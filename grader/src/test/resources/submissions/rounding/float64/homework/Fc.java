package homework;

import io.cnnhomework.nn.TrainableLayer;
import io.cnnhomework.tensor.Tensor;

/** Z = X·Wᵀ + b with W as [out, in], in double. */
public class Fc extends TrainableLayer {

    private Array64 x;

    public Fc(Tensor W, Tensor b) {
        super(W, b);
    }

    @Override
    public Tensor forward(Tensor X) {
        return forward(Array64.of(X)).tensor();
    }

    @Override
    public Tensor backward(Tensor dZ) {
        return backward(Array64.of(dZ)).tensor();
    }

    Array64 forward(Array64 input) {
        x = input;
        int m = input.size(0);
        int in = W.size(1);
        int out = W.size(0);
        double[] w = Array64.of(W).data();
        double[] bias = Array64.of(b).data();
        Array64 z = Array64.zeros(m, out);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < out; j++) {
                double sum = bias[j];
                for (int k = 0; k < in; k++) {
                    sum += input.data()[i * in + k] * w[j * in + k];
                }
                z.data()[i * out + j] = sum;
            }
        }
        return z;
    }

    Array64 backward(Array64 dz) {
        int m = dz.size(0);
        int in = W.size(1);
        int out = W.size(0);
        double[] w = Array64.of(W).data();
        Array64 dx = Array64.zeros(m, in);
        double[] dw = new double[out * in];
        double[] dbias = new double[out];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < out; j++) {
                double g = dz.data()[i * out + j];
                dbias[j] += g / m;
                for (int k = 0; k < in; k++) {
                    dx.data()[i * in + k] += g * w[j * in + k];
                }
            }
        }
        for (int j = 0; j < out; j++) {
            for (int k = 0; k < in; k++) {
                double sum = 0;
                for (int i = 0; i < m; i++) {
                    sum += dz.data()[i * out + j] * x.data()[i * in + k];
                }
                dw[j * in + k] = sum / m;
            }
        }
        dW = new Array64(dw, W.shape()).tensor();
        db = new Array64(dbias, b.shape()).tensor();
        return dx;
    }
}
