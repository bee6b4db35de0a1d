package homework;

import io.cnnhomework.nn.Layer;
import io.cnnhomework.tensor.Tensor;

/** Known-good average pooling; windows may overlap. */
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
        int outH = (X.size(2) - filterSize) / stride + 1;
        int outW = (X.size(3) - filterSize) / stride + 1;
        Tensor Z = Tensor.zeros(X.size(0), X.size(1), outH, outW);
        for (int h = 0; h < outH; h++) {
            for (int w = 0; w < outW; w++) {
                Tensor window = X.slice(2, h * stride, h * stride + filterSize).slice(3, w * stride, w * stride + filterSize);
                Z.select(3, w).select(2, h).copyFrom(window.sum(new int[] {2, 3}, false).div(filterSize * filterSize));
            }
        }
        return Z;
    }

    @Override
    public Tensor backward(Tensor dout) {
        Tensor dX = Tensor.zeros(inputShape);
        for (int h = 0; h < dout.size(2); h++) {
            for (int w = 0; w < dout.size(3); w++) {
                Tensor share = dout.select(3, w).select(2, h).div(filterSize * filterSize).unsqueeze(2).unsqueeze(3);
                dX.slice(2, h * stride, h * stride + filterSize).slice(3, w * stride, w * stride + filterSize).addInPlace(share);
            }
        }
        return dX;
    }
}
