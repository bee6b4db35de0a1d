package homework;

import io.cnnhomework.nn.Layer;
import io.cnnhomework.tensor.Tensor;

/**
 * Average pooling, as {@code nn.AvgPool2d(kernel_size=f, stride=s)} (no padding).
 * Выборка усреднением, как {@code nn.AvgPool2d}.
 *
 * <pre>
 *   Z[i, c, h, w] = (1/f²) Σ_{u, v &lt; f} X[i, c, h·s + u, w·s + v]
 *   n_H = ⌊(n_H_prev − f) / s⌋ + 1
 *   dX[i, c, h·s + u, w·s + v] += dZ[i, c, h, w] / f²      (windows may overlap when s &lt; f)
 * </pre>
 * No parameters, so nothing is divided by the batch size here.
 */
public class AvgPool implements Layer {

    /** Window side f / размер окна. */
    private final int filterSize;
    /** Stride s / шаг. */
    private final int stride;

    /**
     * @param filterSize the window side f
     * @param stride the stride s
     */
    public AvgPool(int filterSize, int stride) {
        this.filterSize = filterSize;
        this.stride = stride;
    }

    /**
     * @param X the input {@code [m, C, H, W]}; cache its shape
     * @return Z {@code [m, C, n_H, n_W]}
     */
    @Override
    public Tensor forward(Tensor X) {
        throw new UnsupportedOperationException("AvgPool.forward: average every f×f window, moving by the stride");
    }

    /**
     * @param dout the error at the output {@code [m, C, n_H, n_W]}
     * @return dX {@code [m, C, H, W]}
     */
    @Override
    public Tensor backward(Tensor dout) {
        throw new UnsupportedOperationException("AvgPool.backward: spread each dZ / f² over its window");
    }
}
