package homework;

import io.cnnhomework.nn.Layer;
import io.cnnhomework.tensor.Tensor;

/** Average pooling by loops in float, each window summed from its last element to its first. */
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
        float[] x = X.toArray();
        inputShape = X.shape();
        int planes = inputShape[0] * inputShape[1];
        int height = inputShape[2];
        int width = inputShape[3];
        int outH = (height - filterSize) / stride + 1;
        int outW = (width - filterSize) / stride + 1;
        float area = filterSize * filterSize;
        float[] z = new float[planes * outH * outW];
        for (int p = 0; p < planes; p++) {
            for (int h = 0; h < outH; h++) {
                for (int w = 0; w < outW; w++) {
                    float sum = 0f;
                    for (int u = filterSize - 1; u >= 0; u--) {
                        for (int v = filterSize - 1; v >= 0; v--) {
                            sum += x[(p * height + h * stride + u) * width + w * stride + v];
                        }
                    }
                    z[(p * outH + h) * outW + w] = sum / area;
                }
            }
        }
        return Tensor.of(z, inputShape[0], inputShape[1], outH, outW);
    }

    @Override
    public Tensor backward(Tensor dout) {
        float[] dz = dout.toArray();
        int planes = inputShape[0] * inputShape[1];
        int height = inputShape[2];
        int width = inputShape[3];
        int outH = dout.size(2);
        int outW = dout.size(3);
        float area = filterSize * filterSize;
        float[] dx = new float[planes * height * width];
        for (int p = planes - 1; p >= 0; p--) {
            for (int h = outH - 1; h >= 0; h--) {
                for (int w = outW - 1; w >= 0; w--) {
                    float share = dz[(p * outH + h) * outW + w] / area;
                    for (int u = 0; u < filterSize; u++) {
                        for (int v = 0; v < filterSize; v++) {
                            dx[(p * height + h * stride + u) * width + w * stride + v] += share;
                        }
                    }
                }
            }
        }
        return Tensor.of(dx, inputShape);
    }
}
