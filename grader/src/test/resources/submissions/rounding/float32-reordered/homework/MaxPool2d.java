package homework;

import io.cnnhomework.nn.Layer;
import io.cnnhomework.tensor.Tensor;

/** Max pooling by loops; the first maximum of a window (row-major) receives its gradient. */
public class MaxPool2d implements Layer {

    private final int kernelSize;
    private final int stride;
    private int[] inputShape;
    private int[] argmax;

    public MaxPool2d(int kernelSize, int stride) {
        this.kernelSize = kernelSize;
        this.stride = stride;
    }

    @Override
    public Tensor forward(Tensor X) {
        float[] x = X.toArray();
        inputShape = X.shape();
        int planes = inputShape[0] * inputShape[1];
        int height = inputShape[2];
        int width = inputShape[3];
        int outH = (height - kernelSize) / stride + 1;
        int outW = (width - kernelSize) / stride + 1;
        float[] z = new float[planes * outH * outW];
        argmax = new int[z.length];
        for (int p = 0; p < planes; p++) {
            for (int h = 0; h < outH; h++) {
                for (int w = 0; w < outW; w++) {
                    int best = (p * height + h * stride) * width + w * stride;
                    for (int u = 0; u < kernelSize; u++) {
                        for (int v = 0; v < kernelSize; v++) {
                            int at = (p * height + h * stride + u) * width + w * stride + v;
                            if (x[at] > x[best]) {
                                best = at;
                            }
                        }
                    }
                    argmax[(p * outH + h) * outW + w] = best;
                    z[(p * outH + h) * outW + w] = x[best];
                }
            }
        }
        return Tensor.of(z, inputShape[0], inputShape[1], outH, outW);
    }

    @Override
    public Tensor backward(Tensor dout) {
        float[] dz = dout.toArray();
        float[] dx = new float[inputShape[0] * inputShape[1] * inputShape[2] * inputShape[3]];
        for (int out = dz.length - 1; out >= 0; out--) {
            dx[argmax[out]] += dz[out];
        }
        return Tensor.of(dx, inputShape);
    }
}
