package homework;

import io.cnnhomework.nn.Layer;
import io.cnnhomework.tensor.Tensor;

/** Max pooling by loops; the gradient goes to each window's first maximum, summed in double. */
public class MaxPool2d implements Layer {

    private final int kernelSize;
    private final int stride;
    private int[] inputShape;
    private int[] winners;

    public MaxPool2d(int kernelSize, int stride) {
        this.kernelSize = kernelSize;
        this.stride = stride;
    }

    @Override
    public Tensor forward(Tensor X) {
        Array64 x = Array64.of(X);
        inputShape = x.shape();
        int planes = x.size(0) * x.size(1);
        int height = x.size(2);
        int width = x.size(3);
        int outH = (height - kernelSize) / stride + 1;
        int outW = (width - kernelSize) / stride + 1;
        Array64 z = Array64.zeros(x.size(0), x.size(1), outH, outW);
        winners = new int[z.data().length];
        for (int p = 0; p < planes; p++) {
            for (int h = 0; h < outH; h++) {
                for (int w = 0; w < outW; w++) {
                    int best = -1;
                    for (int u = 0; u < kernelSize; u++) {
                        for (int v = 0; v < kernelSize; v++) {
                            int at = (p * height + h * stride + u) * width + w * stride + v;
                            if (best < 0 || x.data()[at] > x.data()[best]) {
                                best = at;
                            }
                        }
                    }
                    int out = (p * outH + h) * outW + w;
                    winners[out] = best;
                    z.data()[out] = x.data()[best];
                }
            }
        }
        return z.tensor();
    }

    @Override
    public Tensor backward(Tensor dout) {
        Array64 g = Array64.of(dout);
        Array64 dx = Array64.zeros(inputShape);
        for (int out = 0; out < winners.length; out++) {
            dx.data()[winners[out]] += g.data()[out];
        }
        return dx.tensor();
    }
}
