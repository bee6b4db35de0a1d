package homework;

import io.cnnhomework.nn.TrainableLayer;
import io.cnnhomework.tensor.Tensor;

/**
 * Fully connected layer, as {@code nn.Linear}: {@code Z = X·Wᵀ + b}.
 * Полносвязный слой, как {@code nn.Linear}.
 *
 * <p>Backward / обратный проход:
 * <pre>
 *   dX = dZ · W
 *   dW = dZᵀ · X / m
 *   db = Σ_i dZ[i] / m
 * </pre>
 * Do not forget to divide dW and db by the batch size m to emulate {@code reduction='mean'}.
 * Не забываем делить dW и db на размер пакета m, чтобы эмулировать {@code reduction='mean'}.
 *
 * <p>Shapes / размерности: X {@code [m, in]}, W {@code [out, in]}, b {@code [out]},
 * Z {@code [m, out]}.
 */
public class Fc extends TrainableLayer {

    /**
     * @param W initial weight {@code [out, in]} (PyTorch's {@code fc1.weight})
     * @param b initial bias {@code [out]} (PyTorch's {@code fc1.bias})
     */
    public Fc(Tensor W, Tensor b) {
        super(W, b);
    }

    /**
     * @param X the input {@code [m, in]}; cache it for backward
     * @return Z {@code [m, out]}
     */
    @Override
    public Tensor forward(Tensor X) {
        throw new UnsupportedOperationException("Fc.forward: compute X·Wᵀ + b and cache X");
    }

    /**
     * @param dZ the error at the output {@code [m, out]}
     * @return dX {@code [m, in]}; also sets dW and db (divided by m)
     */
    @Override
    public Tensor backward(Tensor dZ) {
        throw new UnsupportedOperationException("Fc.backward: compute dX = dZ·W, dW = dZᵀ·X / m, db = Σ dZ / m");
    }
}
