package homework;

import io.cnnhomework.nn.Layer;
import io.cnnhomework.tensor.Tensor;

/**
 * Max pooling, as {@code nn.MaxPool2d(kernel_size=f, stride=s)} (no padding; optional task).
 * Выборка максимумом (дополнительное задание).
 *
 * <pre>
 *   Z[i, c, h, w] = max_{u, v &lt; f} X[i, c, h·s + u, w·s + v]
 *   n_H = ⌊(n_H_prev − f) / s⌋ + 1
 *   dX[i, c, h·s + u*, w·s + v*] += dZ[i, c, h, w]
 * </pre>
 * where (u*, v*) is the position of the window's maximum. On ties PyTorch takes the first maximum
 * in row-major order (smallest u, then smallest v), and only that element receives the gradient;
 * when windows overlap (s &lt; f) an element may receive gradient from several windows.
 * При равных максимумах градиент получает только первый из них (по строкам).
 */
public class MaxPool2d implements Layer {

    /** Window side f / размер окна. */
    private final int kernelSize;
    /** Stride s / шаг. */
    private final int stride;

    /**
     * @param kernelSize the window side f
     * @param stride the stride s
     */
    public MaxPool2d(int kernelSize, int stride) {
        this.kernelSize = kernelSize;
        this.stride = stride;
    }

    /**
     * @param X the input {@code [m, C, H, W]}; remember where each window's maximum is
     * @return Z {@code [m, C, n_H, n_W]}
     */
    @Override
    public Tensor forward(Tensor X) {
        throw new UnsupportedOperationException("MaxPool2d.forward: take the maximum of every f×f window, moving by the stride");
    }

    /**
     * @param dout the error at the output {@code [m, C, n_H, n_W]}
     * @return dX {@code [m, C, H, W]}
     */
    @Override
    public Tensor backward(Tensor dout) {
        throw new UnsupportedOperationException("MaxPool2d.backward: send each dZ to its window's first maximum");
    }
}
