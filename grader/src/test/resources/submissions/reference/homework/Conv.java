package homework;

import io.cnnhomework.nn.TrainableLayer;
import io.cnnhomework.tensor.Tensor;

/**
 * Known-good convolution: im2col (every window as a column, one row per filter entry) and one
 * matrix product, whose rows are then already the output channels; backward, the column
 * gradients go back onto the image with fold (col2im).
 */
public class Conv extends TrainableLayer {

    private final int stride;
    private final int padding;
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
        Tensor paddedInput = X.pad(padding, padding, padding, padding);
        int m = X.size(0);
        int filters = W.size(0);
        int f = W.size(2);
        int outH = (X.size(2) + 2 * padding - f) / stride + 1;
        int outW = (X.size(3) + 2 * padding - f) / stride + 1;
        Tensor flatFilters = W.reshape(filters, -1);
        columns = im2col(paddedInput, f);
        Tensor Z = flatFilters.matmul(columns);
        // The bias is added as the rows become images again: one pass instead of two.
        return Z.reshape(filters, m, outH, outW).permute(1, 0, 2, 3).add(b.reshape(1, filters, 1, 1));
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
        Tensor dColumns = W.reshape(filters, -1).t().matmul(flatDZ);
        // col2im: fold wants [m, C·f·f, outH·outW]; it adds up overlapping windows and drops the padding.
        return dColumns.reshape(channels * f * f, m, outH * outW).permute(1, 0, 2)
                .fold(new int[] {inputShape[2], inputShape[3]}, f, 1, padding, stride);
    }

    /** [m, C, H, W] to [C·f·f, m·outH·outW]: one row per entry of a flattened filter, one column per window. */
    private Tensor im2col(Tensor input, int f) {
        Tensor windows = input.unfold(2, f, stride).unfold(3, f, stride);
        return windows.permute(1, 4, 5, 0, 2, 3).reshape(input.size(1) * f * f, -1);
    }
}
