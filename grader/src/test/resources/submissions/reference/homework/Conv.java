package homework;

import io.cnnhomework.nn.TrainableLayer;
import io.cnnhomework.tensor.Tensor;

/** Known-good convolution: one matrix product per output position. */
public class Conv extends TrainableLayer {

    private final int stride;
    private final int padding;
    private Tensor paddedInput;
    private int[] inputShape;

    public Conv(Tensor W, Tensor b, int stride, int padding) {
        super(W, b);
        this.stride = stride;
        this.padding = padding;
    }

    @Override
    public Tensor forward(Tensor X) {
        inputShape = X.shape();
        paddedInput = X.pad(padding, padding, padding, padding);
        int m = X.size(0);
        int filters = W.size(0);
        int f = W.size(2);
        int outH = (X.size(2) + 2 * padding - f) / stride + 1;
        int outW = (X.size(3) + 2 * padding - f) / stride + 1;
        Tensor flatFilters = W.reshape(filters, -1).t();
        Tensor Z = Tensor.zeros(m, filters, outH, outW);
        for (int h = 0; h < outH; h++) {
            for (int w = 0; w < outW; w++) {
                Tensor out = window(h, w, f, m).matmul(flatFilters).add(b);
                Z.select(3, w).select(2, h).copyFrom(out);
            }
        }
        return Z;
    }

    @Override
    public Tensor backward(Tensor dZ) {
        int m = dZ.size(0);
        int filters = W.size(0);
        int channels = W.size(1);
        int f = W.size(2);
        Tensor flatFilters = W.reshape(filters, -1);
        Tensor dPadded = paddedInput.zerosLike();
        Tensor flatDW = Tensor.zeros(filters, channels * f * f);
        for (int h = 0; h < dZ.size(2); h++) {
            for (int w = 0; w < dZ.size(3); w++) {
                Tensor dz = dZ.select(3, w).select(2, h);
                flatDW.addInPlace(dz.t().matmul(window(h, w, f, m)));
                dPadded.slice(2, h * stride, h * stride + f).slice(3, w * stride, w * stride + f)
                        .addInPlace(dz.matmul(flatFilters).reshape(m, channels, f, f));
            }
        }
        dW = flatDW.reshape(W.shape()).div(m);
        db = dZ.sum(new int[] {0, 2, 3}, false).div(m);
        return dPadded.slice(2, padding, padding + inputShape[2]).slice(3, padding, padding + inputShape[3]).contiguous();
    }

    private Tensor window(int h, int w, int f, int m) {
        return paddedInput.slice(2, h * stride, h * stride + f).slice(3, w * stride, w * stride + f).reshape(m, -1);
    }
}
