package homework;

import io.cnnhomework.nn.Layer;
import io.cnnhomework.tensor.Tensor;

/** Known-good average pooling over windows seen as strided views; windows may overlap. */
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
        inputShape = X.shape();
        Tensor windows = X.unfold(2, filterSize, stride).unfold(3, filterSize, stride);
        return windows.sum(new int[] {4, 5}, false).div(filterSize * filterSize);
    }

    @Override
    public Tensor backward(Tensor dout) {
        Tensor share = dout.div(filterSize * filterSize);
        int outH = dout.size(2);
        int outW = dout.size(3);
        if (stride == filterSize && outH * filterSize == inputShape[2] && outW * filterSize == inputShape[3]) {
            // Windows that tile the input: every pixel gets its own window's share, in one copy.
            return share.unsqueeze(3).unsqueeze(5)
                    .expand(inputShape[0], inputShape[1], outH, filterSize, outW, filterSize).reshape(inputShape);
        }
        Tensor dX = Tensor.zeros(inputShape);
        // Offset (u, v) of every window lands on a strided slice of dX; overlapping windows add up.
        for (int u = 0; u < filterSize; u++) {
            for (int v = 0; v < filterSize; v++) {
                dX.slice(2, u, u + (outH - 1) * stride + 1, stride).slice(3, v, v + (outW - 1) * stride + 1, stride)
                        .addInPlace(share);
            }
        }
        return dX;
    }
}
