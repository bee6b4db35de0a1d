package homework;

import io.cnnhomework.nn.Layer;
import io.cnnhomework.tensor.Tensor;

/** Average pooling by loops over the windows, in double. */
public class AvgPool implements Layer {

    private final int filterSize;
    private final int stride;
    private int[] inputShape;

    public AvgPool(int filterSize, int stride) {
        this.filterSize = filterSize;
        this.stride = stride;
    }

    @Override
    public Tensor forward(Tensor X) {
        return forward(Array64.of(X)).tensor();
    }

    @Override
    public Tensor backward(Tensor dout) {
        return backward(Array64.of(dout)).tensor();
    }

    Array64 forward(Array64 x) {
        inputShape = x.shape();
        int planes = x.size(0) * x.size(1);
        int height = x.size(2);
        int width = x.size(3);
        int outH = (height - filterSize) / stride + 1;
        int outW = (width - filterSize) / stride + 1;
        Array64 z = Array64.zeros(x.size(0), x.size(1), outH, outW);
        for (int p = 0; p < planes; p++) {
            for (int h = 0; h < outH; h++) {
                for (int w = 0; w < outW; w++) {
                    double sum = 0;
                    for (int u = 0; u < filterSize; u++) {
                        for (int v = 0; v < filterSize; v++) {
                            sum += x.data()[(p * height + h * stride + u) * width + w * stride + v];
                        }
                    }
                    z.data()[(p * outH + h) * outW + w] = sum / (filterSize * filterSize);
                }
            }
        }
        return z;
    }

    Array64 backward(Array64 dout) {
        int planes = inputShape[0] * inputShape[1];
        int height = inputShape[2];
        int width = inputShape[3];
        int outH = dout.size(2);
        int outW = dout.size(3);
        Array64 dx = Array64.zeros(inputShape);
        for (int p = 0; p < planes; p++) {
            for (int h = 0; h < outH; h++) {
                for (int w = 0; w < outW; w++) {
                    double share = dout.data()[(p * outH + h) * outW + w] / (filterSize * filterSize);
                    for (int u = 0; u < filterSize; u++) {
                        for (int v = 0; v < filterSize; v++) {
                            dx.data()[(p * height + h * stride + u) * width + w * stride + v] += share;
                        }
                    }
                }
            }
        }
        return dx;
    }
}
