package homework;

import io.cnnhomework.nn.TrainableLayer;
import io.cnnhomework.tensor.Tensor;

/**
 * Two-dimensional convolution with stride, zero padding and bias, as {@code nn.Conv2d}
 * (cross-correlation: the filter is not flipped).
 * Двумерная свёртка с шагом, дополнением нулями и сдвигом, как {@code nn.Conv2d}.
 *
 * <p>Forward / прямой проход, for every image i, filter c and output position (h, w):
 * <pre>
 *   Z[i, c, h, w] = Σ_{k, u, v} X_pad[i, k, h·s + u, w·s + v] · W[c, k, u, v] + b[c]
 *   n_H = ⌊(n_H_prev + 2p − f) / s⌋ + 1,   n_W = ⌊(n_W_prev + 2p − f) / s⌋ + 1
 * </pre>
 *
 * <p>Backward / обратный проход, with dZ the error arriving from the next layer
 * (dZ — градиент ошибки к выходу текущего слоя):
 * <pre>
 *   dX_pad[i, :, h·s : h·s+f, w·s : w·s+f] += W[c] · dZ[i, c, h, w]
 *   dW[c] += x_slice · dZ[i, c, h, w]          (x_slice: the window that produced Z[i, c, h, w])
 *   db[c]  = Σ_{i, h, w} dZ[i, c, h, w]
 * </pre>
 * then strip the padding from dX_pad, and divide dW and db by the batch size m
 * ({@code reduction='mean'}). Затем убрать дополнение из dX и разделить dW и db на размер пакета.
 *
 * <p>Shapes / размерности: X {@code [m, n_C_prev, n_H_prev, n_W_prev]}, W
 * {@code [n_C, n_C_prev, f, f]}, b {@code [n_C]}, Z {@code [m, n_C, n_H, n_W]}.
 */
public class Conv extends TrainableLayer {

    /** Stride s / шаг. */
    private final int stride;
    /** Zero padding p on every side / дополнение нулями. */
    private final int padding;

    /**
     * @param W initial filters {@code [n_C, n_C_prev, f, f]} (PyTorch's {@code conv1.weight})
     * @param b initial biases {@code [n_C]} (PyTorch's {@code conv1.bias})
     * @param stride the stride s
     * @param padding zero padding p
     */
    public Conv(Tensor W, Tensor b, int stride, int padding) {
        super(W, b);
        this.stride = stride;
        this.padding = padding;
    }

    /**
     * @param X the input {@code [m, n_C_prev, n_H_prev, n_W_prev]}; cache what backward needs
     * @return Z {@code [m, n_C, n_H, n_W]}
     */
    @Override
    public Tensor forward(Tensor X) {
        throw new UnsupportedOperationException("Conv.forward: convolve X with every filter W[c], add b[c], cache X");
    }

    /**
     * @param dZ the error at the output {@code [m, n_C, n_H, n_W]}
     * @return dX {@code [m, n_C_prev, n_H_prev, n_W_prev]}; also sets dW and db (divided by m)
     */
    @Override
    public Tensor backward(Tensor dZ) {
        throw new UnsupportedOperationException("Conv.backward: compute dX, and dW, db divided by the batch size");
    }
}
