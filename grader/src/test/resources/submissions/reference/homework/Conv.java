package homework;

import io.cnnhomework.nn.TrainableLayer;
import io.cnnhomework.tensor.Tensor;

/**
 * Known-good convolution: im2col (every window as a column, one row per filter entry) and one
 * matrix product, whose rows are then already the output channels.
 */
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
        Tensor flatFilters = W.reshape(filters, -1);
        columns = im2col(paddedInput, f);
        Tensor Z = flatFilters.matmul(columns).addInPlace(b.reshape(filters, 1));
        return Z.reshape(filters, m, outH, outW).permute(1, 0, 2, 3).contiguous();
    }

    @Override
    public Tensor backward(Tensor dZ) {
        int m = dZ.size(0);
        int filters = W.size(0);
        int channels = W.size(1);
        int f = W.size(2);
        int outH = dZ.size(2);
        int outW = dZ.size(3);
        Tensor flatDZ = dZ.permute(1, 0, 2, 3).reshape(filters, -1);
        dW = flatDZ.matmul(columns.t()).reshape(W.shape()).div(m);
        db = dZ.sum(new int[] {0, 2, 3}, false).div(m);
        Tensor dColumns = W.reshape(filters, -1).t().matmul(flatDZ).reshape(channels, f, f, m, outH, outW);
        // col2im: offset (u, v) of every window lands on a strided slice of the padded input.
        Tensor dPadded = paddedInput.zerosLike();
        for (int u = 0; u < f; u++) {
            for (int v = 0; v < f; v++) {
                dPadded.slice(2, u, u + (outH - 1) * stride + 1, stride).slice(3, v, v + (outW - 1) * stride + 1, stride)
                        .addInPlace(dColumns.select(2, v).select(1, u).permute(1, 0, 2, 3));
            }
        }
        return dPadded.slice(2, padding, padding + inputShape[2]).slice(3, padding, padding + inputShape[3]).contiguous();
    }

    /** [m, C, H, W] to [C·f·f, m·outH·outW]: one row per entry of a flattened filter, one column per window. */
    private Tensor im2col(Tensor input, int f) {
        Tensor windows = input.unfold(2, f, stride).unfold(3, f, stride);
        return windows.permute(1, 4, 5, 0, 2, 3).reshape(input.size(1) * f * f, -1);
    }
}
