package homework;

import io.cnnhomework.nn.Model;
import io.cnnhomework.nn.TrainableLayer;
import io.cnnhomework.tensor.Tensor;
import java.util.List;
import java.util.Map;

/** Tasks 2 and 3: conv1 → bn1 → ReLU → AvgPool(2, 2) → flatten → fc1. */
public class CustomModel2 extends Model {

    private final Conv conv1;
    private final BatchNorm2d bn1 = new BatchNorm2d(4);
    private final ReLU relu = new ReLU();
    private final AvgPool pool = new AvgPool(2, 2);
    private final Fc fc1;
    private int[] pooled;

    public CustomModel2(int inputSize, int numClasses, Map<String, Tensor> initialParams) {
        conv1 = new Conv(initialParams.get("conv1.weight"), initialParams.get("conv1.bias"), 1, 0);
        fc1 = new Fc(initialParams.get("fc1.weight"), initialParams.get("fc1.bias"));
    }

    @Override
    protected List<TrainableLayer> layers() {
        return List.of(conv1, bn1, fc1);
    }

    @Override
    public Tensor forward(Tensor x) {
        Tensor a = pool.forward(relu.forward(bn1.forward(conv1.forward(x))));
        pooled = a.shape();
        return fc1.forward(a.reshape(pooled[0], -1));
    }

    @Override
    public Map<String, Tensor> backward(Tensor deltaL) {
        Tensor d = pool.backward(fc1.backward(deltaL).reshape(pooled));
        conv1.backward(bn1.backward(relu.backward(d)));
        return gradients();
    }
}
