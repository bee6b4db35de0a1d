package homework;

import io.cnnhomework.nn.Model;
import io.cnnhomework.nn.TrainableLayer;
import io.cnnhomework.tensor.Tensor;
import java.util.List;
import java.util.Map;

/** Task 1: conv1 → ReLU → flatten → fc1. */
public class CustomModel extends Model {

    private final Conv conv1;
    private final ReLU relu = new ReLU();
    private final Fc fc1;
    private int[] hidden;

    public CustomModel(int inputSize, int numClasses, Map<String, Tensor> initialParams) {
        conv1 = new Conv(initialParams.get("conv1.weight"), initialParams.get("conv1.bias"), 1, 0);
        fc1 = new Fc(initialParams.get("fc1.weight"), initialParams.get("fc1.bias"));
    }

    @Override
    protected List<TrainableLayer> layers() {
        return List.of(conv1, fc1);
    }

    @Override
    public Tensor forward(Tensor x) {
        Tensor a = relu.forward(conv1.forward(x));
        hidden = a.shape();
        return fc1.forward(a.reshape(hidden[0], -1));
    }

    @Override
    public Map<String, Tensor> backward(Tensor deltaL) {
        conv1.backward(relu.backward(fc1.backward(deltaL).reshape(hidden)));
        return gradients();
    }
}
