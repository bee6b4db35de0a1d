package homework;

import io.cnnhomework.nn.TensorFunction;
import io.cnnhomework.tensor.Tensor;

/** Known-good softmax, shifted by the row maximum. */
public class Softmax implements TensorFunction {

    @Override
    public Tensor forward(Tensor X) {
        Tensor e = X.sub(X.max(1, true)).exp();
        return e.div(e.sum(1, true));
    }
}
