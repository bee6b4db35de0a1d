package homework;

import io.cnnhomework.nn.TrainableLayer;
import io.cnnhomework.tensor.Tensor;

/** Known-good convolution: im2col (every window as a row) and one matrix product. */
public class Conv extends TrainableLayer {

    private final int stride;
    private final int padding;
    private Tensor paddedInput;
    private Tensor columns;
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
        columns = im2col(paddedInput, f);
        Tensor Z = columns.matmul(flatFilters).addInPlace(b);
        return Z.reshape(m, outH, outW, filters).permute(0, 3, 1, 2).contiguous();
    }

    @Override
    public Tensor backward(Tensor dZ) {
        int m = dZ.size(0);
        int filters = W.size(0);
        int channels = W.size(1);
        int f = W.size(2);
        int outH = dZ.size(2);
        int outW = dZ.size(3);
        Tensor flatDZ = dZ.permute(0, 2, 3, 1).reshape(-1, filters);
        dW = flatDZ.t().matmul(columns).reshape(W.shape()).div(m);
        db = dZ.sum(new int[] {0, 2, 3}, false).div(m);
        Tensor dColumns = flatDZ.matmul(W.reshape(filters, -1)).reshape(m, outH, outW, channels, f, f);
        // col2im: offset (u, v) of every window lands on a strided slice of the padded input.
        Tensor dPadded = paddedInput.zerosLike();
        for (int u = 0; u < f; u++) {
            for (int v = 0; v < f; v++) {
                dPadded.slice(2, u, u + (outH - 1) * stride + 1, stride).slice(3, v, v + (outW - 1) * stride + 1, stride)
                        .addInPlace(dColumns.select(5, v).select(4, u).permute(0, 3, 1, 2));
            }
        }
        return dPadded.slice(2, padding, padding + inputShape[2]).slice(3, padding, padding + inputShape[3]).contiguous();
    }

    /** [m, C, H, W] to [m·outH·outW, C·f·f]: one row per output position, ordered as W's columns. */
    private Tensor im2col(Tensor input, int f) {
        Tensor windows = input.unfold(2, f, stride).unfold(3, f, stride);
        return windows.permute(0, 2, 3, 1, 4, 5).reshape(-1, input.size(1) * f * f);
    }
}
