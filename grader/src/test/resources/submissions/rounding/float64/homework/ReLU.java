package homework;

import io.cnnhomework.nn.Layer;
import io.cnnhomework.tensor.Tensor;

/** max(0, x); the gradient passes only where x &gt; 0. */
public class ReLU implements Layer {

    private Array64 x;

    @Override
    public Tensor forward(Tensor X) {
        return forward(Array64.of(X)).tensor();
    }

    @Override
    public Tensor backward(Tensor dZ) {
        return backward(Array64.of(dZ)).tensor();
    }

    Array64 forward(Array64 input) {
        x = input;
        double[] out = new double[input.data().length];
        for (int i = 0; i < out.length; i++) {
            out[i] = input.data()[i] > 0 ? input.data()[i] : 0;
        }
        return new Array64(out, input.shape());
    }

    Array64 backward(Array64 dz) {
        double[] dx = new double[dz.data().length];
        for (int i = 0; i < dx.length; i++) {
            dx[i] = x.data()[i] > 0 ? dz.data()[i] : 0;
        }
        return new Array64(dx, x.shape());
    }
}
