package homework;

import io.cnnhomework.nn.Layer;
import io.cnnhomework.tensor.Tensor;

/**
 * {@code ReLU(x) = max(0, x)}, element-wise, as {@code nn.ReLU}.
 *
 * <p>Backward / обратный проход: {@code dX = dZ · [X > 0]} — the derivative at exactly 0 is 0, as
 * in PyTorch. Производная в нуле равна 0, как в PyTorch.
 */
public class ReLU implements Layer {

    /**
     * @param X any shape; cache what backward needs
     * @return max(0, X), same shape
     */
    @Override
    public Tensor forward(Tensor X) {
        throw new UnsupportedOperationException("ReLU.forward: compute max(0, X) and cache the mask X > 0");
    }

    /**
     * @param dZ the error at the output, same shape as X
     * @return dX = dZ where X &gt; 0, else 0
     */
    @Override
    public Tensor backward(Tensor dZ) {
        throw new UnsupportedOperationException("ReLU.backward: pass dZ where X > 0, zero elsewhere");
    }
}
