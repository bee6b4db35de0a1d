package homework;

import io.cnnhomework.nn.TrainableLayer;
import io.cnnhomework.tensor.Tensor;

/** Convolution by direct loops over every output position, in double. */
public class Conv extends TrainableLayer {

    private final int stride;
    private final int padding;
    private Array64 x;

    public Conv(Tensor W, Tensor b, int stride, int padding) {
        super(W, b);
        this.stride = stride;
        this.padding = padding;
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
        int channels = input.size(1);
        int height = input.size(2);
        int width = input.size(3);
        int filters = W.size(0);
        int f = W.size(2);
        int outH = (height + 2 * padding - f) / stride + 1;
        int outW = (width + 2 * padding - f) / stride + 1;
        double[] w = Array64.of(W).data();
        double[] bias = Array64.of(b).data();
        Array64 z = Array64.zeros(m, filters, outH, outW);
        for (int i = 0; i < m; i++) {
            for (int c = 0; c < filters; c++) {
                for (int h = 0; h < outH; h++) {
                    for (int v = 0; v < outW; v++) {
                        double sum = bias[c];
                        for (int k = 0; k < channels; k++) {
                            for (int p = 0; p < f; p++) {
                                int row = h * stride + p - padding;
                                if (row < 0 || row >= height) {
                                    continue;
                                }
                                for (int q = 0; q < f; q++) {
                                    int col = v * stride + q - padding;
                                    if (col >= 0 && col < width) {
                                        sum += input.data()[((i * channels + k) * height + row) * width + col]
                                                * w[((c * channels + k) * f + p) * f + q];
                                    }
                                }
                            }
                        }
                        z.data()[((i * filters + c) * outH + h) * outW + v] = sum;
                    }
                }
            }
        }
        return z;
    }

    Array64 backward(Array64 dz) {
        int m = x.size(0);
        int channels = x.size(1);
        int height = x.size(2);
        int width = x.size(3);
        int filters = W.size(0);
        int f = W.size(2);
        int outH = dz.size(2);
        int outW = dz.size(3);
        double[] w = Array64.of(W).data();
        Array64 dx = Array64.zeros(x.shape());
        double[] dw = new double[w.length];
        double[] dbias = new double[filters];
        for (int i = 0; i < m; i++) {
            for (int c = 0; c < filters; c++) {
                for (int h = 0; h < outH; h++) {
                    for (int v = 0; v < outW; v++) {
                        double g = dz.data()[((i * filters + c) * outH + h) * outW + v];
                        dbias[c] += g;
                        for (int k = 0; k < channels; k++) {
                            for (int p = 0; p < f; p++) {
                                int row = h * stride + p - padding;
                                if (row < 0 || row >= height) {
                                    continue;
                                }
                                for (int q = 0; q < f; q++) {
                                    int col = v * stride + q - padding;
                                    if (col >= 0 && col < width) {
                                        int at = ((i * channels + k) * height + row) * width + col;
                                        int wAt = ((c * channels + k) * f + p) * f + q;
                                        dw[wAt] += x.data()[at] * g;
                                        dx.data()[at] += w[wAt] * g;
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        for (int j = 0; j < dw.length; j++) {
            dw[j] /= m;
        }
        for (int c = 0; c < filters; c++) {
            dbias[c] /= m;
        }
        dW = new Array64(dw, W.shape()).tensor();
        db = new Array64(dbias, b.shape()).tensor();
        return dx;
    }
}
