package homework;

import io.cnnhomework.nn.TrainableLayer;
import io.cnnhomework.tensor.Tensor;

/**
 * Convolution by direct loops in float: every sum runs from the last term to the first, and the
 * bias is added after the products.
 */
public class Conv extends TrainableLayer {

    private final int stride;
    private final int padding;
    private float[] x;
    private int[] xShape;

    public Conv(Tensor W, Tensor b, int stride, int padding) {
        super(W, b);
        this.stride = stride;
        this.padding = padding;
    }

    @Override
    public Tensor forward(Tensor X) {
        x = X.toArray();
        xShape = X.shape();
        int m = xShape[0];
        int channels = xShape[1];
        int height = xShape[2];
        int width = xShape[3];
        int filters = W.size(0);
        int f = W.size(2);
        int outH = (height + 2 * padding - f) / stride + 1;
        int outW = (width + 2 * padding - f) / stride + 1;
        float[] w = W.toArray();
        float[] bias = b.toArray();
        float[] z = new float[m * filters * outH * outW];
        for (int i = 0; i < m; i++) {
            for (int c = 0; c < filters; c++) {
                for (int h = 0; h < outH; h++) {
                    for (int v = 0; v < outW; v++) {
                        float sum = 0f;
                        for (int k = channels - 1; k >= 0; k--) {
                            for (int p = f - 1; p >= 0; p--) {
                                for (int q = f - 1; q >= 0; q--) {
                                    sum += input(i, k, h * stride + p - padding, v * stride + q - padding)
                                            * w[((c * channels + k) * f + p) * f + q];
                                }
                            }
                        }
                        z[((i * filters + c) * outH + h) * outW + v] = sum + bias[c];
                    }
                }
            }
        }
        return Tensor.of(z, m, filters, outH, outW);
    }

    @Override
    public Tensor backward(Tensor dZ) {
        float[] dz = dZ.toArray();
        int m = xShape[0];
        int channels = xShape[1];
        int height = xShape[2];
        int width = xShape[3];
        int filters = W.size(0);
        int f = W.size(2);
        int outH = dZ.size(2);
        int outW = dZ.size(3);
        float[] w = W.toArray();
        float[] dw = new float[w.length];
        for (int c = 0; c < filters; c++) {
            for (int k = 0; k < channels; k++) {
                for (int p = 0; p < f; p++) {
                    for (int q = 0; q < f; q++) {
                        float sum = 0f;
                        for (int i = m - 1; i >= 0; i--) {
                            for (int h = outH - 1; h >= 0; h--) {
                                for (int v = outW - 1; v >= 0; v--) {
                                    sum += input(i, k, h * stride + p - padding, v * stride + q - padding)
                                            * dz[((i * filters + c) * outH + h) * outW + v];
                                }
                            }
                        }
                        dw[((c * channels + k) * f + p) * f + q] = sum / m;
                    }
                }
            }
        }
        float[] dbias = new float[filters];
        for (int c = 0; c < filters; c++) {
            float sum = 0f;
            for (int i = m - 1; i >= 0; i--) {
                for (int j = outH * outW - 1; j >= 0; j--) {
                    sum += dz[(i * filters + c) * outH * outW + j];
                }
            }
            dbias[c] = sum / m;
        }
        // dX gathered per input element: every (filter, output position) whose window covers it.
        float[] dx = new float[x.length];
        for (int i = 0; i < m; i++) {
            for (int k = 0; k < channels; k++) {
                for (int row = 0; row < height; row++) {
                    for (int col = 0; col < width; col++) {
                        float sum = 0f;
                        for (int c = filters - 1; c >= 0; c--) {
                            for (int p = f - 1; p >= 0; p--) {
                                int h = row + padding - p;
                                if (h < 0 || h % stride != 0 || h / stride >= outH) {
                                    continue;
                                }
                                for (int q = f - 1; q >= 0; q--) {
                                    int v = col + padding - q;
                                    if (v >= 0 && v % stride == 0 && v / stride < outW) {
                                        sum += w[((c * channels + k) * f + p) * f + q]
                                                * dz[((i * filters + c) * outH + h / stride) * outW + v / stride];
                                    }
                                }
                            }
                        }
                        dx[((i * channels + k) * height + row) * width + col] = sum;
                    }
                }
            }
        }
        dW = Tensor.of(dw, W.shape());
        db = Tensor.of(dbias, filters);
        return Tensor.of(dx, xShape);
    }

    /** The input with zero padding around it. */
    private float input(int i, int k, int row, int col) {
        if (row < 0 || col < 0 || row >= xShape[2] || col >= xShape[3]) {
            return 0f;
        }
        return x[((i * xShape[1] + k) * xShape[2] + row) * xShape[3] + col];
    }
}
